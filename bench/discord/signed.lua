-- Cycles through pre-signed requests (one per line: signature \t timestamp \t body) from REQUESTS_FILE.
local requests = {}
local i = 0

-- Built in init, not at load: wrk.format only adds the Host header once wrk.host is known.
init = function(args)
  for line in io.lines(os.getenv("REQUESTS_FILE")) do
    local sig, ts, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", "/discord/interactions", {
      ["Host"] = wrk.host .. ":" .. wrk.port,
      ["Content-Type"] = "application/json",
      ["X-Signature-Ed25519"] = sig,
      ["X-Signature-Timestamp"] = ts,
    }, body)
  end
end

request = function()
  i = i + 1
  if i > #requests then i = 1 end
  return requests[i]
end

done = function(summary, latency, reqs)
  io.write(string.format("p50_ms=%.3f p99_ms=%.3f rps=%.0f requests=%d non2xx_or_errors=%d",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
