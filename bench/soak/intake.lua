-- Callback intake through the gateway: POST /api/v1/callbacks with a fresh phone number each time, so that no
-- per-number rule (a duplicate, a rate limit per number) turns the load into refusals.
-- Arguments (after --): TOKEN [RATE_PER_SECOND CONNECTIONS]. With a rate, every connection waits
-- CONNECTIONS / RATE seconds between its requests, which paces the whole run at about RATE requests per second.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local token = args[1] or error("usage: wrk ... -s intake.lua URL -- TOKEN [RATE CONNECTIONS]")
  local rate = tonumber(args[2] or "0")
  local connections = tonumber(args[3] or "1")
  pause = 0
  if rate > 0 then
    pause = math.floor(connections * 1000 / rate)
  end
  math.randomseed(os.time() * 1000 + id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
  refused = 0
  limited = 0
  failed = 0
end

function delay()
  return pause
end

function request()
  -- +4474 and eight digits: a mobile range libphonenumber accepts in full (+4476 is pagers, refused as invalid).
  local phone = string.format("+4474%08d", math.random(0, 99999999))
  return wrk.format(nil, "/api/v1/callbacks",
    nil, '{"name":"Soak","phoneNo":"' .. phone .. '","serviceQueue":1,"callType":1}')
end

function response(status, headers, body)
  if status == 429 then
    limited = limited + 1
  elseif status >= 500 then
    failed = failed + 1
  elseif status >= 300 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local limited_total, failed_total, refused_total = 0, 0, 0
  for _, thread in ipairs(threads) do
    limited_total = limited_total + thread:get("limited")
    failed_total = failed_total + thread:get("failed")
    refused_total = refused_total + thread:get("refused")
  end
  io.write(string.format("SOAK requests=%d errors=%d 5xx=%d 429=%d other_non_2xx=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    failed_total, limited_total, refused_total,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
