-- 0010_partnerships: countries' requests for support matched to partners'
-- offers, and pledges of in-kind support tracked to delivery
-- (docs/partnerships.md; service/partners.h). Lists (themes, modalities,
-- languages, eligible groups and units) are JSON arrays of text, checked
-- by the service; dates are ISO "YYYY-MM-DD"; every change is also in the
-- audit chain (service/partners*.c).

-- Group membership over time: a unit belongs to a group from from_date
-- (NULL: since before any record) until to_date (exclusive; NULL: still).
-- A unit with spans for a group is a member on a day only when a span
-- covers it; a unit without spans falls back to unit_group_member.
-- Loaded from data/partnerships/group-periods.csv (the LDC graduations).
CREATE TABLE unit_group_period (
	group_id TEXT NOT NULL,
	unit_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
	from_date TEXT,
	to_date TEXT,
	source TEXT NOT NULL DEFAULT '',
	CHECK (to_date IS NULL OR from_date IS NULL OR to_date > from_date),
	UNIQUE (group_id, unit_id, from_date)
);
CREATE INDEX unit_group_period_group ON unit_group_period(group_id);

-- The themes taxonomy (data/partnerships/themes.csv): a theme (parent
-- NULL) or a subtopic THEME.SUBTOPIC; nodes is a JSON array of
-- "framework:node" it maps to.
CREATE TABLE partner_theme (
	id TEXT PRIMARY KEY,
	parent TEXT,
	name TEXT NOT NULL,
	nodes TEXT NOT NULL DEFAULT '[]',
	position INTEGER NOT NULL
);

CREATE TABLE organisation (
	id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9._-]*'),
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('government', 'private', 'academia',
					    'civil_society', 'international')),
	fictional INTEGER NOT NULL DEFAULT 0,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- Who acts in partnerships: the secretariat (organisation NULL) and the
-- users of a partner organisation. Kept apart from role_grant so that
-- the workflow's roles stay as they are (docs/partnerships.md, "Roles").
CREATE TABLE partnership_member (
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('secretariat', 'partner')),
	organisation_id TEXT REFERENCES organisation(id) ON DELETE CASCADE,
	CHECK ((role = 'partner') = (organisation_id IS NOT NULL)),
	UNIQUE (user_id, role, organisation_id)
);

CREATE TABLE support_request (
	id INTEGER PRIMARY KEY,
	unit_id TEXT NOT NULL REFERENCES unit(id),
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	themes TEXT NOT NULL,
	modalities TEXT NOT NULL,
	languages TEXT NOT NULL,
	needed_by TEXT NOT NULL,
	priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
	visibility TEXT NOT NULL CHECK (visibility IN ('public', 'partners', 'secretariat')),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'closed', 'withdrawn')),
	-- where it comes from: 'node' (framework, node, campaign), 'target'
	-- (campaign, target, node?), 'action' (a plan action), or none
	source_kind TEXT CHECK (source_kind IS NULL OR source_kind IN ('node', 'target', 'action')),
	source_framework TEXT,
	source_node TEXT,
	source_campaign TEXT,
	source_target TEXT,
	source_action INTEGER REFERENCES action(id) ON DELETE SET NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX support_request_unit ON support_request(unit_id);
CREATE INDEX support_request_action ON support_request(source_action);

CREATE TABLE offer (
	id INTEGER PRIMARY KEY,
	organisation_id TEXT NOT NULL REFERENCES organisation(id),
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	themes TEXT NOT NULL,
	modalities TEXT NOT NULL,
	languages TEXT NOT NULL,
	eligible_groups TEXT NOT NULL DEFAULT '[]',
	eligible_units TEXT NOT NULL DEFAULT '[]',
	capacity_countries INTEGER NOT NULL CHECK (capacity_countries >= 1),
	capacity_beneficiaries INTEGER CHECK (capacity_beneficiaries IS NULL OR capacity_beneficiaries >= 0),
	available_from TEXT NOT NULL,
	available_to TEXT NOT NULL,
	unit_value REAL NOT NULL CHECK (unit_value >= 0),
	currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
	valuation TEXT NOT NULL CHECK (valuation IN ('list_price', 'staff_day_rate', 'market_quote',
						   'declared')),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	CHECK (available_to >= available_from)
);
CREATE INDEX offer_organisation ON offer(organisation_id);

-- A proposed pairing with its score and the breakdown that explains it
-- (JSON, core/match.h); only the requesting country decides.
CREATE TABLE partner_match (
	id INTEGER PRIMARY KEY,
	request_id INTEGER NOT NULL REFERENCES support_request(id) ON DELETE CASCADE,
	offer_id INTEGER NOT NULL REFERENCES offer(id) ON DELETE CASCADE,
	score REAL NOT NULL,
	breakdown TEXT NOT NULL,
	list_year INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'shortlisted', 'accepted', 'declined',
					       'withdrawn')),
	reason TEXT NOT NULL DEFAULT '',
	proposed_by TEXT NOT NULL,
	proposed_at TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	UNIQUE (request_id, offer_id)
);
CREATE INDEX partner_match_offer ON partner_match(offer_id);

CREATE TABLE pledge (
	id INTEGER PRIMARY KEY,
	match_id INTEGER REFERENCES partner_match(id),
	request_id INTEGER REFERENCES support_request(id) ON DELETE SET NULL,
	organisation_id TEXT NOT NULL REFERENCES organisation(id),
	unit_id TEXT NOT NULL REFERENCES unit(id),
	description TEXT NOT NULL,
	modality TEXT NOT NULL,
	themes TEXT NOT NULL DEFAULT '[]',
	amount REAL NOT NULL CHECK (amount >= 0),
	currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
	fx_rate REAL NOT NULL CHECK (fx_rate > 0),
	fx_date TEXT NOT NULL,
	valuation TEXT NOT NULL CHECK (valuation IN ('list_price', 'staff_day_rate', 'market_quote',
						   'declared')),
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	commitment TEXT NOT NULL DEFAULT 'proposed' CHECK (commitment IN ('proposed', 'confirmed')),
	delivery TEXT NOT NULL DEFAULT 'none' CHECK (delivery IN ('none', 'partial', 'complete')),
	verification TEXT NOT NULL DEFAULT 'self' CHECK (verification IN ('self', 'recipient',
									  'secretariat')),
	cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
	completed_at TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (period_to >= period_from)
);
CREATE INDEX pledge_unit ON pledge(unit_id);
CREATE INDEX pledge_organisation ON pledge(organisation_id);
CREATE INDEX pledge_request ON pledge(request_id);

CREATE TABLE pledge_delivery (
	id INTEGER PRIMARY KEY,
	pledge_id INTEGER NOT NULL REFERENCES pledge(id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	what TEXT NOT NULL,
	quantity REAL NOT NULL CHECK (quantity >= 0),
	beneficiaries INTEGER NOT NULL DEFAULT 0 CHECK (beneficiaries >= 0),
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL
);
CREATE INDEX pledge_delivery_pledge ON pledge_delivery(pledge_id, date);
