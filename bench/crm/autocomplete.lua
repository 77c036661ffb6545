-- GET /calls/autocomplete?term= with a prefix a user would type: of a first name, a surname, a company, an e-mail
-- address or a mobile number (national digits).
local records = tonumber(os.getenv("RECORDS") or "1000000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
local first = { "jam", "ada", "gra", "ala", "lin", "mar", "eds", "bar", "don", "fra", "joh", "mar", "den", "rad",
  "ken", "sop", "tim", "hed", "bja", "ani", "gui", "kar", "nik", "joa", "cla", "ann", "les", "sha", "vin", "lyn" }
local syllables = { "ma", "ke", "lo", "ri", "sa", "to", "ne", "vi", "da", "pe", "ru", "go", "li", "fa", "mo", "be",
  "ha", "ty", "qu", "zo" }

local function syllable()
  return syllables[math.random(1, #syllables)]
end

request = function()
  local kind = math.random(1, 5)
  local term
  if kind == 1 then
    term = first[math.random(1, #first)]
  elseif kind == 2 then
    term = syllable() .. syllable() .. syllable():sub(1, 1)
  elseif kind == 3 then
    term = syllable() .. syllable()
  elseif kind == 4 then
    term = first[math.random(1, #first)] .. "." .. tostring(math.random(1, records)):sub(1, 3)
  else
    term = string.format("074%08d", math.random(1, records)):sub(1, 7)
  end
  return wrk.format("GET", "/calls/autocomplete?term=" .. term)
end
