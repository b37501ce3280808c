-- wrk script for POST /v1/sms: every request goes to a different E.164 number, because the
-- server caps sends to one number from one account at 1 a minute (USE-2).
--
--   wrk -t THREADS ... -s bench/api/send.lua URL/v1/sms -- API_KEY FIRST_NUMBER THREADS [LIMIT]
--
-- Numbers are +86138 followed by 8 digits: FIRST_NUMBER + thread + k * THREADS, so the
-- threads never collide and run.sh gives each run its own FIRST_NUMBER. With LIMIT, each
-- thread stops once its share of LIMIT requests is answered (requests already in flight on its
-- other connections may still be committed: at most one per connection more). At the end it
-- prints one line per status code, `status CODE COUNT`, summed over the threads, and
-- `next-number N`, the first number no thread used, where the next run may start (wrk counts
-- answers only; requests lost with a closed connection used their numbers too).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local key = args[1] or error("send.lua needs the API key as its first argument")
  first = tonumber(args[2] or "0")
  -- `threads` above lives in the main Lua state only; each thread's state gets the count here.
  stride = tonumber(args[3] or error("send.lua needs the thread count as its third argument"))
  if args[4] then
    local limit = tonumber(args[4])
    share = math.floor(limit / stride) + ((id < limit % stride) and 1 or 0)
  end
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. key
  wrk.headers["Content-Type"] = "application/json"
  n = 0
  answered = 0
  counts = {}
end

function request()
  -- `id` is set by setup() before init() runs in the thread.
  local number = first + id + n * stride
  n = n + 1
  if number > 99999999 then error("recipient numbers exhausted") end
  local body = string.format(
    '{"to":"+86138%08d","body":"Your verification code is %06d. It expires in 5 minutes.","sign":"Acme"}',
    number, number % 1000000)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  answered = answered + 1
  if share and answered >= share then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total = {}
  local next_number = 0
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, count in pairs(c) do
      total[status] = (total[status] or 0) + count
    end
    local used = thread:get("first") + thread:get("id") + thread:get("n") * thread:get("stride")
    if used > next_number then next_number = used end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("next-number %d\n", next_number))
end
