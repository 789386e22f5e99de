-- wrk script: GET /api/v1/customers/<id> with ids drawn at random from a file (one id per line),
-- for a user who may read only some customers (bench/grants.sh: their department's, or those
-- granted to them). Environment: PATRON_TOKEN, BENCH_IDS_FILE.
local token = os.getenv("PATRON_TOKEN")
local file = os.getenv("BENCH_IDS_FILE")
assert(token and file, "set PATRON_TOKEN and BENCH_IDS_FILE")
local ids = {}
for line in io.lines(file) do ids[#ids + 1] = line end
assert(#ids > 0, "no ids in " .. file)
local headers = { ["Authorization"] = "Bearer " .. token }
local thread_count = 0

setup = function(thread)
    thread_count = thread_count + 1
    thread:set("seed", thread_count)
end

init = function(args)
    math.randomseed(os.time() * 1000 + (seed or 0))
end

request = function()
    return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(1, #ids)], headers)
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx=%d errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
