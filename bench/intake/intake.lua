-- wrk script: POST /api/v1/callbacks with a distinct valid GB mobile number per request (+4474 and eight digits,
-- a range libphonenumber accepts in full). Environment (set by run.sh): BENCH_TOKEN, BENCH_QUEUES (1..n queues),
-- BENCH_SLOTS (0 = call when available, else callType 2 spread over that many slots of BENCH_DATE), BENCH_SEED.
local threads = {}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tonumber(tid)
  token = os.getenv("BENCH_TOKEN")
  queues = tonumber(os.getenv("BENCH_QUEUES") or "1")
  slots = tonumber(os.getenv("BENCH_SLOTS") or "0")
  date = os.getenv("BENCH_DATE") or ""
  seed = tonumber(os.getenv("BENCH_SEED") or "0")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
  non2xx = 0
end

function request()
  counter = counter + 1
  -- 8 digits: seed (changes per run) * 10^7 + thread * 10^6 + counter keeps every number distinct within a run
  local n = (seed % 10) * 10000000 + thread_id * 1000000 + counter
  local number = string.format("+4474%08d", n)
  local queue = 1 + (counter % queues)
  local body
  if slots > 0 then
    local slot = 1 + (counter % slots)
    body = string.format('{"phoneNo":"%s","serviceQueue":%d,"callType":2,"timeslot":%d,"date":"%s"}',
      number, queue, slot, date)
  else
    body = string.format('{"phoneNo":"%s","serviceQueue":%d,"callType":1}', number, queue)
  end
  return wrk.format(nil, "/api/v1/callbacks", nil, body)
end

function response(status, headers, body)
  if status ~= 201 and status ~= 200 then
    non2xx = non2xx + 1
    if non2xx <= 3 then
      io.stderr:write("status " .. status .. ": " .. body .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local p50 = latency:percentile(50) / 1000
  local p99 = latency:percentile(99) / 1000
  local rate = summary.requests / (summary.duration / 1000000)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rate=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d\n", summary.requests, rate,
    p50, p99, errors))
end
