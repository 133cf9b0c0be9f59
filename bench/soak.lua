-- wrk script for bench/soak.py: the main journeys of Pacesetter in a fixed mix.
--
-- wrk -s bench/soak.lua URL -- PLAN TOKENS DELAY_MS
--   PLAN    a file of lines "METHOD<TAB>PATH<TAB>HEADER: value|HEADER: value" (the mix, in order;
--           a line repeated is a heavier weight); the path BALLOT takes the next ballot token.
--   TOKENS  a file of "token<TAB>form body" lines, dealt to threads in turn (each used once).
--   DELAY_MS  pause of each connection between requests (pacing for a target rate).
-- Errors (status >= 400, except the 410 of a ballot token already used, which cannot happen
-- here) and socket errors are counted per thread and printed as JSON by done().

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

local plan = {}
local tokens = {}
local position = 0
local next_token = 0
local pause = 0
errors = 0
ballots = 0
statuses = {}

local function split(text, sep)
   local parts = {}
   for part in string.gmatch(text, "([^" .. sep .. "]+)") do table.insert(parts, part) end
   return parts
end

function init(args)
   pause = tonumber(args[3] or "0")
   for line in io.lines(args[1]) do
      local fields = split(line, "\t")
      local headers = {}
      if fields[3] then
         for _, header in ipairs(split(fields[3], "|")) do
            local name, value = string.match(header, "^([^:]+):%s*(.*)$")
            headers[name] = value
         end
      end
      table.insert(plan, {method = fields[1], path = fields[2], headers = headers})
   end
   local total_threads = tonumber(args[4] or "1")
   local n = 0
   for line in io.lines(args[2]) do
      if n % total_threads == (id - 1) then
         local fields = split(line, "\t")
         table.insert(tokens, {token = fields[1], body = fields[2]})
      end
      n = n + 1
   end
   position = (id * 7) % #plan
end

function delay()
   return pause
end

function request()
   position = position % #plan + 1
   local step = plan[position]
   if step.path == "BALLOT" then
      next_token = next_token + 1
      local ballot = tokens[next_token]
      if ballot == nil then
         position = position % #plan + 1
         step = plan[position]
         if step.path == "BALLOT" then step = plan[1] end
      else
         ballots = ballots + 1
         return wrk.format("POST", "/v/" .. ballot.token,
            {["Content-Type"] = "application/x-www-form-urlencoded"}, ballot.body)
      end
   end
   return wrk.format(step.method, step.path, step.headers, nil)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status >= 400 then errors = errors + 1 end
end

function done(summary, latency, requests)
   local errs, casts = 0, 0
   local by_status = {}
   for _, thread in ipairs(threads) do
      errs = errs + thread:get("errors")
      casts = casts + thread:get("ballots")
      for status, count in pairs(thread:get("statuses")) do
         by_status[status] = (by_status[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(by_status) do table.insert(parts, string.format('"%d": %d', status, count)) end
   io.write(string.format(
      'WRK_JSON {"requests": %d, "seconds": %.3f, "http_errors": %d, "ballots_sent": %d, ' ..
      '"socket_errors": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "statuses": {%s}}\n',
      summary.requests, summary.duration / 1e6, errs, casts,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, table.concat(parts, ", ")))
end
