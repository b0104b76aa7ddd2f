-- 0007_risks: national cyber risk assessments (docs/risks.md). Risk
-- matrices stored as text by id and hash (an assessment keeps the version
-- it started with); the taxonomies a register names (sectors, threats,
-- actor types); assessments of one unit over a period; risks (scenarios)
-- with their sectors, the framework nodes that measure their
-- vulnerabilities, a rating per phase and treatments; the participants of
-- a risk workshop and their own ratings, with every change kept. Every
-- change is also in the audit trail (service/risks.c).

CREATE TABLE risk_matrix (
	id TEXT NOT NULL,
	hash TEXT NOT NULL,
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	added_at TEXT NOT NULL,
	PRIMARY KEY (id, hash)
);

-- The editable reference lists (data/taxonomies/*.csv), replaced whole by
-- `cybercap init`; position keeps the file's order.
CREATE TABLE taxonomy_term (
	kind TEXT NOT NULL CHECK (kind IN ('sector', 'threat', 'actor')),
	id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9._-]*'),
	name TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL,
	PRIMARY KEY (kind, id)
);

CREATE TABLE risk_assessment (
	id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9._-]*'),
	unit_id TEXT NOT NULL REFERENCES unit(id),
	title TEXT NOT NULL,
	matrix_id TEXT NOT NULL,
	matrix_hash TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
	published_at TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	FOREIGN KEY (matrix_id, matrix_hash) REFERENCES risk_matrix(id, hash),
	CHECK (end_date >= start_date)
);
CREATE INDEX risk_assessment_unit ON risk_assessment(unit_id);

-- A risk is a scenario of one assessment; key is the row's own number,
-- id the register's (unique in its assessment).
CREATE TABLE risk (
	key INTEGER PRIMARY KEY,
	assessment_id TEXT NOT NULL REFERENCES risk_assessment(id) ON DELETE CASCADE,
	id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*'),
	title TEXT NOT NULL,
	scenario TEXT NOT NULL,
	threat TEXT NOT NULL,
	actor TEXT NOT NULL,
	owner TEXT NOT NULL,
	vulnerabilities TEXT NOT NULL DEFAULT '',
	confidence TEXT CHECK (confidence IS NULL OR confidence IN ('low', 'medium', 'high')),
	public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
	public_title TEXT NOT NULL DEFAULT '',
	public_summary TEXT NOT NULL DEFAULT '',
	review_date TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (assessment_id, id),
	CHECK (public = 0 OR (public_title <> '' AND public_summary <> ''))
);

CREATE TABLE risk_sector (
	risk_key INTEGER NOT NULL REFERENCES risk(key) ON DELETE CASCADE,
	sector TEXT NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (risk_key, sector)
);

-- Framework nodes that measure what the scenario exploits (a low score on
-- "national CIRT" is a vulnerability).
CREATE TABLE risk_node (
	risk_key INTEGER NOT NULL REFERENCES risk(key) ON DELETE CASCADE,
	framework TEXT NOT NULL,
	node TEXT NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (risk_key, framework, node)
);

-- One rating per phase. Levels are the matrix's ids: impact for a matrix
-- without dimensions, impacts (a JSON object, dimension -> level) for one
-- with. workshop: agreed in the assessment's workshop, dissent the note
-- on the views that differed (the participants' own ratings stay in
-- risk_participant_rating).
CREATE TABLE risk_rating (
	risk_key INTEGER NOT NULL REFERENCES risk(key) ON DELETE CASCADE,
	phase TEXT NOT NULL CHECK (phase IN ('inherent', 'current', 'target')),
	likelihood TEXT NOT NULL,
	impact TEXT,
	impacts TEXT,
	confidence TEXT CHECK (confidence IS NULL OR confidence IN ('low', 'medium', 'high')),
	rationale TEXT NOT NULL DEFAULT '',
	workshop INTEGER NOT NULL DEFAULT 0 CHECK (workshop IN (0, 1)),
	dissent TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (risk_key, phase),
	CHECK ((impact IS NULL) <> (impacts IS NULL))
);

-- What is done about a risk; plan and action: the plan action a treatment
-- became (the action's source link, kind 'risk', is in action_link).
CREATE TABLE risk_treatment (
	id INTEGER PRIMARY KEY,
	risk_key INTEGER NOT NULL REFERENCES risk(key) ON DELETE CASCADE,
	option TEXT NOT NULL CHECK (option IN ('reduce', 'accept', 'share', 'avoid')),
	justification TEXT NOT NULL,
	plan_id TEXT REFERENCES plan(id) ON DELETE SET NULL,
	action_id INTEGER REFERENCES action(id) ON DELETE SET NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX risk_treatment_risk ON risk_treatment(risk_key);

-- A stakeholder heard in a risk workshop. A parallel of respondent (0003)
-- rather than a generalisation: role_grant and respondent are tied to a
-- campaign's assessment by foreign keys, and a risk assessment is in no
-- campaign. The account is the same kind (user), the groups the same.
CREATE TABLE risk_participant (
	id INTEGER PRIMARY KEY,
	assessment_id TEXT NOT NULL REFERENCES risk_assessment(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user(id),
	name TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	grp TEXT NOT NULL CHECK (grp IN ('government', 'cirt', 'critical_infrastructure',
					 'law_enforcement', 'academia', 'civil_society',
					 'private_sector', 'international_partner')),
	removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
	created_by TEXT NOT NULL,
	at TEXT NOT NULL,
	UNIQUE (assessment_id, user_id)
);

-- A participant's own rating of a risk in a phase (never published).
CREATE TABLE risk_participant_rating (
	participant_id INTEGER NOT NULL REFERENCES risk_participant(id) ON DELETE CASCADE,
	risk_key INTEGER NOT NULL REFERENCES risk(key) ON DELETE CASCADE,
	phase TEXT NOT NULL CHECK (phase IN ('inherent', 'current', 'target')),
	likelihood TEXT NOT NULL,
	impact TEXT,
	impacts TEXT,
	comment TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (participant_id, risk_key, phase),
	CHECK ((impact IS NULL) <> (impacts IS NULL))
);

-- Every change to a participant's rating, never overwritten.
CREATE TABLE risk_participant_rating_history (
	id INTEGER PRIMARY KEY,
	participant_id INTEGER NOT NULL REFERENCES risk_participant(id) ON DELETE CASCADE,
	risk_key INTEGER NOT NULL REFERENCES risk(key) ON DELETE CASCADE,
	phase TEXT NOT NULL,
	likelihood TEXT NOT NULL,
	impact TEXT,
	impacts TEXT,
	comment TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX risk_participant_rating_history_r
	ON risk_participant_rating_history(participant_id, risk_key, phase);
