-- stats.lua: counters shared by the load scripts (required by read.lua and
-- write.lua). wrk gives every thread its own Lua state, so each thread
-- counts in globals and done() adds them up through thread:get().
--
-- wrk's own "Non-2xx or 3xx responses" line lumps 4xx and 5xx together;
-- these counters keep them apart. done() prints one line
--   load: requests=N rps=R p50_ms=.. p99_ms=.. max_ms=.. err_connect=..
--         err_read=.. err_write=.. err_timeout=.. s2xx=.. s3xx=.. s4xx=..
--         s5xx=.. sent=..
-- that bench/load.sh reads, and a few status lines worth seeing.
local M = {}
local threads = {}

function M.setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function M.init()
	s2, s3, s4, s5, sent = 0, 0, 0, 0, 0
	first4, first5 = "", ""
end

function M.response(status, headers, body)
	if status >= 500 then
		s5 = s5 + 1
		if first5 == "" then first5 = status .. " " .. string.sub(body or "", 1, 200) end
	elseif status >= 400 then
		s4 = s4 + 1
		if first4 == "" then first4 = status .. " " .. string.sub(body or "", 1, 200) end
	elseif status >= 300 then
		s3 = s3 + 1
	elseif status >= 200 then
		s2 = s2 + 1
	end
end

function M.done(summary, latency, requests)
	local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, sent = 0}
	local f4, f5 = "", ""
	for _, th in ipairs(threads) do
		for k in pairs(t) do t[k] = t[k] + (th:get(k) or 0) end
		if f4 == "" then f4 = th:get("first4") or "" end
		if f5 == "" then f5 = th:get("first5") or "" end
	end
	local e = summary.errors
	local secs = summary.duration / 1e6
	io.write(string.format(
		"load: requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
		"err_connect=%d err_read=%d err_write=%d err_timeout=%d " ..
		"s2xx=%d s3xx=%d s4xx=%d s5xx=%d sent=%d bytes=%d\n",
		summary.requests, summary.requests / secs,
		latency:percentile(50) / 1000, latency:percentile(90) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000,
		e.connect, e.read, e.write, e.timeout,
		t.s2, t.s3, t.s4, t.s5, t.sent, summary.bytes))
	if f4 ~= "" then io.write("load: first 4xx: " .. f4 .. "\n") end
	if f5 ~= "" then io.write("load: first 5xx: " .. f5 .. "\n") end
end

return M
