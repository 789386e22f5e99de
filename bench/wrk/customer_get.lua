-- wrk script: Patron's authenticated, permission-checked, audited read of one customer,
-- GET /api/v1/customers/<id> with a random id of the loaded range on every request.
-- Environment: PATRON_TOKEN (a session token, "Authorization: Bearer ..."), BENCH_FIRST_ID and
-- BENCH_CUSTOMERS (the range patron_benchgen wrote to its --meta file), or BENCH_IDS_FILE (one id
-- per line: the customers a user may read, bench/grants.sh) instead of the range.
--   PATRON_TOKEN=... BENCH_FIRST_ID=1030 BENCH_CUSTOMERS=1000000 \
--     wrk -t1 -c64 -d10s -s bench/wrk/customer_get.lua http://127.0.0.1:8080
local first = tonumber(os.getenv("BENCH_FIRST_ID") or "")
local count = tonumber(os.getenv("BENCH_CUSTOMERS") or "")
local token = os.getenv("PATRON_TOKEN")
local ids = nil
if os.getenv("BENCH_IDS_FILE") then
    ids = {}
    for line in io.lines(os.getenv("BENCH_IDS_FILE")) do ids[#ids + 1] = line end
    assert(#ids > 0, "no ids in BENCH_IDS_FILE")
end
assert(token and (ids or (first and count)), "set PATRON_TOKEN and BENCH_FIRST_ID + BENCH_CUSTOMERS or BENCH_IDS_FILE")

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
    local id = ids and ids[math.random(1, #ids)] or (first + math.random(0, count - 1))
    return wrk.format("GET", "/api/v1/customers/" .. id, headers)
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx=%d errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
