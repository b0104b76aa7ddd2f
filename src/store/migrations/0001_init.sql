-- 0001_init: units and groups, frameworks, campaigns, answers, results.
CREATE TABLE unit (
	id TEXT PRIMARY KEY,
	m49 TEXT NOT NULL DEFAULT '',
	name_en TEXT NOT NULL,
	name_fr TEXT NOT NULL DEFAULT '',
	name_es TEXT NOT NULL DEFAULT '',
	name_ru TEXT NOT NULL DEFAULT '',
	name_zh TEXT NOT NULL DEFAULT '',
	name_ar TEXT NOT NULL DEFAULT '',
	fictional INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE unit_group (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL
);

CREATE TABLE unit_group_member (
	group_id TEXT NOT NULL REFERENCES unit_group(id) ON DELETE CASCADE,
	unit_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
	PRIMARY KEY (group_id, unit_id)
);
CREATE INDEX unit_group_member_unit ON unit_group_member(unit_id);

CREATE TABLE framework (
	id TEXT NOT NULL,
	hash TEXT NOT NULL,
	version TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	added_at TEXT NOT NULL,
	PRIMARY KEY (id, hash)
);

CREATE TABLE campaign (
	id TEXT PRIMARY KEY,
	framework_id TEXT NOT NULL,
	framework_hash TEXT NOT NULL,
	title TEXT NOT NULL,
	year INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'open', 'review', 'closed', 'published')),
	created_at TEXT NOT NULL,
	published_at TEXT,
	FOREIGN KEY (framework_id, framework_hash) REFERENCES framework(id, hash)
);

CREATE TABLE assessment (
	campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
	unit_id TEXT NOT NULL REFERENCES unit(id),
	position INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'not_started',
	PRIMARY KEY (campaign_id, unit_id)
);

CREATE TABLE answer (
	campaign_id TEXT NOT NULL,
	unit_id TEXT NOT NULL,
	question TEXT NOT NULL,
	answer TEXT NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	evidence TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (campaign_id, unit_id, question),
	FOREIGN KEY (campaign_id, unit_id) REFERENCES assessment(campaign_id, unit_id)
		ON DELETE CASCADE
);

-- Every change to an answer, never overwritten.
CREATE TABLE answer_history (
	id INTEGER PRIMARY KEY,
	campaign_id TEXT NOT NULL,
	unit_id TEXT NOT NULL,
	question TEXT NOT NULL,
	answer TEXT NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	evidence TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL DEFAULT '',
	at TEXT NOT NULL
);

-- Results frozen when a campaign is published: one row per unit and node.
CREATE TABLE result (
	campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
	unit_id TEXT NOT NULL,
	node TEXT NOT NULL,
	value REAL,
	rank INTEGER,
	PRIMARY KEY (campaign_id, unit_id, node)
);

CREATE TABLE result_unit (
	campaign_id TEXT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
	unit_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	level TEXT,
	PRIMARY KEY (campaign_id, unit_id)
);
