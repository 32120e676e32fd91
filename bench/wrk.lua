-- Requests for the Stegvis benchmark (bench/run), one mode per wrk run (BENCH_MODE):
--   health  GET /healthz                                       (the server's HTTP ceiling)
--   get     GET /api/v1/participants/{random id}
--   list    GET /api/v1/participants?q=<name part>&limit=50   (text search, a page of 50)
--   create  POST /api/v1/participants                          (validated, audited)
--   mixed   80% reads (participant, timeline, due list), 20% writes (contact, new participant)
-- At the end it prints one line "WRKJSON {...}" with the figures bench/run reads.

local mode = os.getenv("BENCH_MODE") or "get"
local token = os.getenv("BENCH_TOKEN") or ""
local ids_file = os.getenv("BENCH_IDS") or ""
local unit = os.getenv("BENCH_UNIT") or ""
local contact_at = os.getenv("BENCH_CONTACT_AT") or "2026-01-01T10:00:00Z"

local ids = {}
-- Parts of the generated names: each matches roughly 1/12 (stems) or 1/10 (endings) of people.
local terms = { "testa", "provar", "exempel", "lund", "fiktivsson", "modellberg", "skiss",
  "övning", "låtsasqvist", "ärlig", "anonymdal", "påhittholm" }
local counter = 0
-- This thread's number (1, 2, ...). `setup` runs in wrk's main Lua state and hands each thread
-- its number as the global `thread_id`; every thread loads this script into a state of its own,
-- where `init` copies it here (a global of the same name as this local would be shadowed by it).
local thread_no = 0
local threads_started = 0
local threads = {}

function setup(thread)
  threads_started = threads_started + 1
  thread:set("thread_id", threads_started)
  table.insert(threads, thread)
end

function init(args)
  thread_no = rawget(_G, "thread_id") or 1
  if ids_file ~= "" then
    for line in io.lines(ids_file) do
      ids[#ids + 1] = line
    end
  end
  math.randomseed(1000 + thread_no * 7919)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

local function any_id()
  return ids[math.random(#ids)]
end

local function url_encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- A fictional personnummer no generated participant has: born 1910-1955 (the generator's are
-- 1956-2005), serial 800-989, unique per load run (bench/run gives each its BENCH_PIN_OFFSET),
-- wrk thread (at most 2) and request.
-- Registrations carry one, as nearly all do in the field: its duplicate checks are part of the
-- cost of a create.
local pin_offset = tonumber(os.getenv("BENCH_PIN_OFFSET") or "0")
local first_day = os.time({ year = 1910, month = 1, day = 1, hour = 12 })
local days = 16801 -- 1910-01-01 .. 1955-12-31

local function luhn(digits)
  local sum = 0
  for i = 1, #digits do
    local d = tonumber(digits:sub(i, i)) * (i % 2 == 1 and 2 or 1)
    sum = sum + (d > 9 and d - 9 or d)
  end
  return (10 - sum % 10) % 10
end

local function new_pin()
  local k = pin_offset + (counter - 1) * 2 + thread_no - 1
  local born = os.date("*t", first_day + (k % days) * 86400)
  local serial = 800 + math.floor(k / days) % 190
  local nine = string.format("%02d%02d%02d%03d", born.year % 100, born.month, born.day, serial)
  return string.format("%04d%02d%02d-%03d%d", born.year, born.month, born.day, serial, luhn(nine))
end

local function new_participant()
  counter = counter + 1
  local body = string.format(
    '{"first_name":"Bänk","last_name":"Lasttest%d x%d","gender":"woman","unit_id":"%s",' ..
    '"personal_identity_number":"%s",' ..
    '"housing_situation":"shelter","main_substance":"alcohol","income_source":"salary"}',
    counter, thread_no, unit, new_pin())
  return wrk.format("POST", "/api/v1/participants", nil, body)
end

local function new_contact()
  local body = string.format(
    '{"participants":[{"participant_id":"%s","attended":true}],"occurred_at":"%s",' ..
    '"kind":"phone_call","note":"Lasttest"}', any_id(), contact_at)
  return wrk.format("POST", "/api/v1/contacts", nil, body)
end

function request()
  if mode == "get" then
    return wrk.format("GET", "/api/v1/participants/" .. any_id())
  elseif mode == "health" then
    return wrk.format("GET", "/healthz")
  elseif mode == "list" then
    return wrk.format("GET", "/api/v1/participants?limit=50&q=" ..
      url_encode(terms[math.random(#terms)]))
  elseif mode == "create" then
    return new_participant()
  else
    local r = math.random(100)
    if r <= 40 then
      return wrk.format("GET", "/api/v1/participants/" .. any_id())
    elseif r <= 65 then
      return wrk.format("GET", "/api/v1/participants/" .. any_id() .. "/timeline")
    elseif r <= 80 then
      return wrk.format("GET", "/api/v1/due-items")
    elseif r <= 92 then
      return new_contact()
    else
      return new_participant()
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"non_2xx":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
