-- wrk spreads its threads over the app instances listed in BENCH_PORTS (thread i talks to instance i mod n), the way
-- a Service spreads connections over pods. With one port every thread talks to the same instance.
local addresses = {}
local threads = 0

function setup(thread)
   if #addresses == 0 then
      for port in string.gmatch(os.getenv("BENCH_PORTS"), "%d+") do
         table.insert(addresses, wrk.lookup("127.0.0.1", port)[1])
      end
   end
   thread.addr = addresses[threads % #addresses + 1]
   threads = threads + 1
end
