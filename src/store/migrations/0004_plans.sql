-- 0004_plans: action plans. A plan belongs to one unit and covers a
-- period; it has objectives, objectives have actions; an action has KPIs
-- (with dated measurements), evidence links, and links (action_link): the
-- framework nodes it addresses and where it came from. Every change is
-- also in the audit trail (service/plans.c).

CREATE TABLE plan (
	id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9._-]*'),
	unit_id TEXT NOT NULL REFERENCES unit(id),
	title TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	baseline_campaign TEXT REFERENCES campaign(id),
	template TEXT,
	public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_date >= start_date)
);
CREATE INDEX plan_unit ON plan(unit_id);

CREATE TABLE objective (
	id INTEGER PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	position INTEGER NOT NULL
);
CREATE INDEX objective_plan ON objective(plan_id, position);

-- Dates are ISO "YYYY-MM-DD" (NULL: not set yet, as in a drafted
-- proposal); the budget's currency is ISO 4217.
CREATE TABLE action (
	id INTEGER PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	objective_id INTEGER NOT NULL REFERENCES objective(id),
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	lead_agency TEXT NOT NULL DEFAULT '',
	owner TEXT NOT NULL DEFAULT '',
	partners TEXT NOT NULL DEFAULT '',
	start_date TEXT,
	due_date TEXT,
	budget_amount REAL CHECK (budget_amount IS NULL OR budget_amount >= 0),
	budget_currency TEXT CHECK (budget_currency IS NULL OR (length(budget_currency) = 3
		AND budget_currency NOT GLOB '*[^A-Z]*')),
	funding_source TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL CHECK (status IN ('proposed', 'planned', 'in_progress', 'done',
					       'blocked', 'cancelled')),
	progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
	position INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date),
	CHECK ((budget_amount IS NULL) = (budget_currency IS NULL))
);
CREATE INDEX action_plan ON action(plan_id, objective_id, position);

CREATE TABLE kpi (
	id INTEGER PRIMARY KEY,
	action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	unit TEXT NOT NULL DEFAULT '',
	baseline REAL NOT NULL,
	target REAL NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (action_id, name)
);

CREATE TABLE kpi_measurement (
	kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	value REAL NOT NULL,
	PRIMARY KEY (kpi_id, date)
);

CREATE TABLE action_evidence (
	id INTEGER PRIMARY KEY,
	action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	url TEXT NOT NULL,
	UNIQUE (action_id, url)
);

-- The spine that ties every module to the plan: what an action addresses
-- (role 'addresses', kind 'node': a framework node, any framework, any
-- campaign) and where it came from (role 'source', one per action: kind
-- 'gap', 'target', 'strategy', later 'risk', 'drill', 'request'...: the
-- kind is an open set). framework/node/campaign/target name what the kind
-- needs; ref is a free reference for kinds that point elsewhere; detail
-- is JSON (the gap's missing points, the peers at full...).
CREATE TABLE action_link (
	id INTEGER PRIMARY KEY,
	action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32 AND kind NOT GLOB '*[^a-z_]*'),
	role TEXT NOT NULL CHECK (role IN ('addresses', 'source')),
	framework TEXT,
	node TEXT,
	campaign TEXT,
	target TEXT,
	ref TEXT,
	detail TEXT,
	CHECK (kind <> 'node' OR (framework IS NOT NULL AND node IS NOT NULL))
);
CREATE INDEX action_link_action ON action_link(action_id);
CREATE INDEX action_link_source ON action_link(role, kind, campaign, node);

-- The CIRT's service catalogue (FIRST CSIRT Services Framework ids).
CREATE TABLE plan_service (
	plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	service_id TEXT NOT NULL,
	PRIMARY KEY (plan_id, service_id)
);
