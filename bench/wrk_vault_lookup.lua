-- wrk script for bench/hub.py: GET the vault listing of a random citizen, with the bench's
-- token; at the end, one JSON line with the latency percentiles (ms) and the error count.
local citizens = tonumber(os.getenv("BENCH_CITIZENS"))
local token = os.getenv("BENCH_TOKEN")
local bad = 0

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  local path = string.format("/api/v1/vault/citizens/%012d/documents", math.random(0, citizens - 1))
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "non_2xx": %d, "socket_errors": %d, ' ..
    '"median": %.3f, "p90": %.3f, "p99": %.3f, "max": %.3f}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.status, summary.errors.connect + summary.errors.read +
      summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
