-- wrk script: GET /healthz (the HTTP layer's own cost) on either server; only adds the RESULT line.
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx=%d errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
