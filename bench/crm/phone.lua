-- GET /calls/record?phone= for a random loaded record, half in national form (074...), half in E.164.
local records = tonumber(os.getenv("RECORDS") or "1000000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)

request = function()
  local i = math.random(1, records)
  local phone
  if math.random() < 0.5 then
    phone = string.format("074%08d", i)
  else
    phone = string.format("%%2B4474%08d", i)
  end
  return wrk.format("GET", "/calls/record?phone=" .. phone)
end
