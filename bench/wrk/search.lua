-- Flight search for wrk: `wrk -s search.lua URL -- ROUTES`, ROUTES a file of "FROM TO DATE"
-- lines; requests go round the list. done() prints one JSON line of the figures.
local routes, i = {}, 0

function init(args)
  for line in io.lines(args[1]) do
    local from, to, date = line:match("(%u+) (%u+) ([%d-]+)")
    if from then routes[#routes + 1] = "/api/flights/search?from=" .. from .. "&to=" .. to .. "&date=" .. date end
  end
end

function request()
  i = i % #routes + 1
  return wrk.format("GET", routes[i])
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"non2xx":%d,"socketErrors":%d,"p50":%.3f,"p99":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
