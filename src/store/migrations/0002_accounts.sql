-- 0002_accounts: accounts, roles, sessions and tokens; reviews, evidence;
-- the hash-chained audit trail.
CREATE TABLE user (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name TEXT NOT NULL,
	password_hash TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0
);

-- A role, optionally limited to one unit and/or one campaign.
CREATE TABLE role_grant (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reviewer', 'focal_point')),
	unit_id TEXT REFERENCES unit(id),
	campaign_id TEXT REFERENCES campaign(id) ON DELETE CASCADE,
	UNIQUE (user_id, role, unit_id, campaign_id)
);

-- Sessions and API tokens are stored as SHA-256 hashes of the secret.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	csrf TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'cookie' CHECK (kind IN ('cookie', 'bearer')),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);

CREATE TABLE review (
	campaign_id TEXT NOT NULL,
	unit_id TEXT NOT NULL,
	question TEXT NOT NULL,
	verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'query')),
	comment TEXT NOT NULL DEFAULT '',
	reviewer TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (campaign_id, unit_id, question),
	FOREIGN KEY (campaign_id, unit_id) REFERENCES assessment(campaign_id, unit_id)
		ON DELETE CASCADE
);

CREATE TABLE evidence (
	id INTEGER PRIMARY KEY,
	campaign_id TEXT NOT NULL,
	unit_id TEXT NOT NULL,
	question TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('url', 'file')),
	url TEXT NOT NULL DEFAULT '',
	sha256 TEXT NOT NULL DEFAULT '',
	filename TEXT NOT NULL DEFAULT '',
	mime TEXT NOT NULL DEFAULT '',
	size INTEGER NOT NULL DEFAULT 0,
	author TEXT NOT NULL,
	at TEXT NOT NULL,
	FOREIGN KEY (campaign_id, unit_id) REFERENCES assessment(campaign_id, unit_id)
		ON DELETE CASCADE
);
CREATE INDEX evidence_question ON evidence(campaign_id, unit_id, question);

-- Append-only: each row's hash covers the previous row's hash, so any
-- edit or deletion breaks the chain from that row on.
CREATE TABLE audit_event (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	before TEXT NOT NULL DEFAULT '',
	after TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
