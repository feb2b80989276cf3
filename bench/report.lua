-- wrk script for bench/load.py and bench/pages.py (driven by bench/_server.py).
--
--   wrk ... -s bench/report.lua http://127.0.0.1:PORT -- requests.tsv
--
-- requests.tsv holds one request a line: a path, then optional headers, tab-separated
-- ("/en/feeds/releases.rss<TAB>If-None-Match: \"abc\""). Each thread cycles through the
-- lines from its own starting point, so many different rows are asked for, not one hot
-- one. The run ends with one line on stdout, "WRK_JSON {...}": requests, bytes, duration,
-- socket errors, latency percentiles in microseconds and the count of every status code.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local requests = {}
local position = 0
statuses = {}

local function split(line, separator)
  local parts = {}
  for part in string.gmatch(line, "([^" .. separator .. "]+)") do
    table.insert(parts, part)
  end
  return parts
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      local parts = split(line, "\t")
      local headers = {}
      for i = 2, #parts do
        local name, value = string.match(parts[i], "^([^:]+):%s*(.*)$")
        headers[name] = value
      end
      table.insert(requests, wrk.format("GET", parts[1], headers))
    end
  end
  if #requests == 0 then
    error("no requests in " .. args[1])
  end
  -- Threads start far apart in the list.
  position = math.floor((thread_number - 1) * #requests / 4) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests_)
  local counted = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counted[status] = (counted[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counted) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "bytes": %d, "duration_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.bytes, summary.duration,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean,
    table.concat(parts, ", ")
  ))
end
