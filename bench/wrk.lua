-- Requests for the Stegvis benchmark (bench/run), one mode per wrk run (BENCH_MODE):
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
local thread_no = 0
local threads = {}

function setup(thread)
  thread_no = thread_no + 1
  thread:set("thread_no", thread_no)
  table.insert(threads, thread)
end

function init(args)
  if ids_file ~= "" then
    for line in io.lines(ids_file) do
      ids[#ids + 1] = line
    end
  end
  math.randomseed(1000 + (thread_no or 0) * 7919)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

local function any_id()
  return ids[math.random(#ids)]
end

local function url_encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function new_participant()
  counter = counter + 1
  local body = string.format(
    '{"first_name":"Bänk","last_name":"Lasttest%d x%d","gender":"woman","unit_id":"%s",' ..
    '"housing_situation":"shelter","main_substance":"alcohol","income_source":"salary"}',
    counter, thread_no or 0, unit)
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
