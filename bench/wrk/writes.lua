-- Bookings (and payments) for wrk, one thread: `wrk -t1 -s writes.lua URL -- MODE FLIGHT
-- TOTAL RUN TOKENS OUT`. MODE "book": TOTAL one-seat bookings; "bookpay": each 201 booking is
-- paid next on the connection that got it. Every write has its own account (line n of TOKENS),
-- an Idempotency-Key and an X-Request-Id the server echoes, which ties each response to its
-- request: OUT gets one line per answer, "kind status latency_ms end_ms", and "done" once
-- every booking (and payment) was answered. An idle connection waits, then asks /health, so
-- it never holds up the end.
-- A millisecond clock (wrk's Lua has none of its own): the wall clock, so that the harness can
-- line answers up with its own samples of the server's CPU time (Date.now()).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(0, ts) -- CLOCK_REALTIME
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local mode, flight, total, run, out
local tokens, started, pays = {}, {}, {}
local issued, expected, answered = 0, 0, 0
local CARD = '{"card":{"number":"4242424242424242","expMonth":12,"expYear":2031,' ..
  '"cvc":"123","name":"Bench Payer"}}'

local function letters(n)
  local s = ""
  repeat
    s = string.char(65 + n % 26) .. s
    n = math.floor(n / 26) - 1
  until n < 0
  return s
end

function init(args)
  mode, flight, total, run = args[1], args[2], tonumber(args[3]), args[4]
  for line in io.lines(args[5]) do tokens[#tokens + 1] = line end
  out = io.open(args[6], "w")
  expected = total
end

local function post(path, rid, n, body)
  started[rid] = { t0 = now(), n = n }
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[n],
    ["Idempotency-Key"] = rid,
    ["X-Request-Id"] = rid,
  }, body)
end

function delay()
  if #pays > 0 or issued < total then return 0 end
  return 1000
end

local verified = false

function request()
  -- wrk calls request() once before the run to check it and throws the result away.
  if not verified then
    verified = true
    return wrk.format("GET", "/health")
  end
  local p = table.remove(pays)
  if p then return post("/api/bookings/" .. p.id .. "/pay", "pay-" .. run .. "-" .. p.n, p.n, CARD) end
  if issued < total then
    issued = issued + 1
    local body = '{"flightId":"' .. flight .. '","cabin":"Y","passengers":[{"firstName":' ..
      '"Bench","lastName":"Pax ' .. letters(issued) .. '"}]}'
    return post("/api/bookings", "book-" .. run .. "-" .. issued, issued, body)
  end
  return wrk.format("GET", "/health")
end

function response(status, headers, body)
  local rid = headers["x-request-id"] or headers["X-Request-Id"]
  local s = rid and started[rid]
  if not s then return end
  started[rid] = nil
  local t = now()
  local kind = rid:match("^(%a+)-")
  out:write(kind, " ", status, " ", string.format("%.3f %.3f", t - s.t0, t), "\n")
  answered = answered + 1
  if kind == "book" and status == 201 and mode == "bookpay" then
    local id = body:match('"id"%s*:%s*"([^"]+)"')
    if id then
      pays[#pays + 1] = { id = id, n = s.n }
      expected = expected + 1
    end
  end
  if answered >= expected and issued >= total and #pays == 0 then
    -- wrk's main thread sleeps out -d whatever the threads do: the harness sees this line
    -- and ends wrk with SIGINT.
    out:write("done\n")
    out:flush()
    wrk.thread:stop()
  end
end
