-- wrk script: the bare reference server's customer read (../shared/bench/bare_server.cpp),
-- GET /customers/<id> with a random id of the loaded range: no auth, no checks, no audit.
-- Environment: BENCH_FIRST_ID and BENCH_CUSTOMERS (from patron_benchgen --meta).
local first = tonumber(os.getenv("BENCH_FIRST_ID") or "")
local count = tonumber(os.getenv("BENCH_CUSTOMERS") or "")
assert(first and count, "set BENCH_FIRST_ID and BENCH_CUSTOMERS")

local thread_count = 0

setup = function(thread)
    thread_count = thread_count + 1
    thread:set("seed", thread_count)
end

init = function(args)
    math.randomseed(os.time() * 1000 + (seed or 0))
end

request = function()
    return wrk.format("GET", "/customers/" .. (first + math.random(0, count - 1)))
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx=%d errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
