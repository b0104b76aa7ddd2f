-- read.lua: public GETs, rotating over the API's read routes (published
-- campaign nci-2026 of the demo data, unit profiles of its 40 units) and
-- the web interface's static files. Every request asks for gzip, as
-- browsers do. Used by bench/load.sh (LOAD_READ_ASSETS names the built
-- web interface's assets, space-separated).
package.path = (os.getenv("LOAD_LUA_DIR") or "bench/load") .. "/?.lua;" .. package.path
local stats = require("stats")

local paths = {
	"/api/v1/campaigns",
	"/api/v1/campaigns/nci-2026",
	"/api/v1/campaigns/nci-2026/results",
	"/api/v1/campaigns/nci-2026/summary",
	"/api/v1/campaigns/nci-2026/summary?by=itu_region",
	"/api/v1/units",
	"/api/v1/groups",
	"/api/v1/frameworks",
	"/api/v1/frameworks/national-commitment",
	"/api/v1/units/XAA/history?framework=national-commitment",
	"/",
	"/index.html",
}
-- unit profiles: XAA..XBN, one in every other request
local units = {}
for _, a in ipairs({"A", "B"}) do
	for c = string.byte("A"), string.byte(a == "A" and "Z" or "N") do
		table.insert(units, "X" .. a .. string.char(c))
	end
end
for asset in string.gmatch(os.getenv("LOAD_READ_ASSETS") or "", "%S+") do
	table.insert(paths, asset)
end

local i = 0

function setup(thread)
	stats.setup(thread)
end

function init(args)
	stats.init()
	i = (tid or 1) * 7
end

function request()
	i = i + 1
	sent = sent + 1
	local path
	if i % 2 == 0 then
		path = "/api/v1/campaigns/nci-2026/results/" .. units[(i / 2) % #units + 1]
	else
		path = paths[((i - 1) / 2) % #paths + 1]
	end
	return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end

response = stats.response
done = stats.done
