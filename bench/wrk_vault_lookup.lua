-- wrk script for bench/hub.py: GET the vault listing of a random citizen with the bench's
-- token; each connection pauses BENCH_THINK_MS (±50 %) between lookups (0: closed loop).
-- A listing is right when it has BENCH_DOCUMENTS_EACH documents. At the end: one JSON line
-- with the latency percentiles (ms), the number of requests and of wrong answers.
local citizens = tonumber(os.getenv("BENCH_CITIZENS"))
local token = os.getenv("BENCH_TOKEN")
local think_ms = tonumber(os.getenv("BENCH_THINK_MS") or "0")
local documents_each = tonumber(os.getenv("BENCH_DOCUMENTS_EACH") or "10")
local threads = {}

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed)
  wrong = 0
end

function request()
  local path = string.format("/api/v1/vault/citizens/%012d/documents", math.random(0, citizens - 1))
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function delay()
  if think_ms > 0 then
    return math.random(math.floor(think_ms / 2), think_ms + math.floor(think_ms / 2))
  end
  return 0
end

function response(status, headers, body)
  local _, documents = body:gsub('"sha256"', "")
  if status ~= 200 or documents ~= documents_each then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local wrong_total = 0
  for _, thread in ipairs(threads) do
    wrong_total = wrong_total + thread:get("wrong")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "wrong_answers": %d, "socket_errors": %d, ' ..
    '"median": %.3f, "p90": %.3f, "p99": %.3f, "max": %.3f}\n',
    summary.requests, summary.duration / 1e6, wrong_total,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
