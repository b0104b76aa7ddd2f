-- write.lua: authenticated writes, PUT .../assessments/{unit}/answers/{q}
-- on the open campaign, spread over units and questions, "yes" and "no" in
-- turn. Environment (set by bench/load.sh):
--   LOAD_TOKEN      bearer token (an admin's: `cybercap user token`)
--   LOAD_CAMPAIGN   campaign id (nci-2028)
--   LOAD_UNITS      unit ids, comma-separated
--   LOAD_QUESTIONS  yes/no question ids, comma-separated
--   LOAD_THREADS    wrk's -t, so that threads take different answers
--   LOAD_WRITE_DELAY_MS  a pause before each save (a pace, LOAD_WRITE_RATE)
package.path = (os.getenv("LOAD_LUA_DIR") or "bench/load") .. "/?.lua;" .. package.path
local stats = require("stats")

local function list(name)
	local out = {}
	for x in string.gmatch(os.getenv(name) or "", "[^,]+") do table.insert(out, x) end
	assert(#out > 0, name .. " is empty")
	return out
end

local token = os.getenv("LOAD_TOKEN") or error("LOAD_TOKEN is not set")
local campaign = os.getenv("LOAD_CAMPAIGN") or "nci-2028"
local units = list("LOAD_UNITS")
local questions = list("LOAD_QUESTIONS")
local headers = {
	["Authorization"] = "Bearer " .. token,
	["Content-Type"] = "application/json",
}
local nthreads = tonumber(os.getenv("LOAD_THREADS") or "2")
local i = 0

function setup(thread)
	stats.setup(thread)
end

function init(args)
	stats.init()
end

function request()
	i = i + 1
	sent = sent + 1
	-- thread t takes the pairs k with k % nthreads == t - 1; connections of
	-- one thread may still write the same answer at once (allowed)
	local k = i * nthreads + (tid or 1) - 1
	local u = units[k % #units + 1]
	local q = questions[math.floor(k / #units) % #questions + 1]
	local body = string.format('{"answer":"%s","comment":"load t%d #%d"}',
				   (i % 2 == 0) and "yes" or "no", tid or 1, i)
	return wrk.format("PUT", "/api/v1/campaigns/" .. campaign .. "/assessments/" ..
			  u .. "/answers/" .. q, headers, body)
end

local pause = tonumber(os.getenv("LOAD_WRITE_DELAY_MS") or "0")
if pause > 0 then
	function delay() return pause end
end

response = stats.response
done = stats.done
