-- 0003_respondents: workshops of respondents. role_grant takes the role
-- 'respondent' (always limited to one campaign and one unit); respondents
-- of an assessment, their answers (dissent stays on record) and every
-- change to them; one-time set-password tokens for new accounts.

-- SQLite cannot change a CHECK: the table is rebuilt with its rows, ids and
-- constraints. No table refers to role_grant, so dropping it with foreign
-- keys on is safe; its own references are checked as the rows are copied.
CREATE TABLE role_grant_new (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reviewer', 'focal_point',
					   'respondent')),
	unit_id TEXT REFERENCES unit(id),
	campaign_id TEXT REFERENCES campaign(id) ON DELETE CASCADE,
	UNIQUE (user_id, role, unit_id, campaign_id),
	CHECK (role <> 'respondent' OR (unit_id IS NOT NULL AND campaign_id IS NOT NULL))
);
INSERT INTO role_grant_new (id, user_id, role, unit_id, campaign_id)
	SELECT id, user_id, role, unit_id, campaign_id FROM role_grant;
DROP TABLE role_grant;
ALTER TABLE role_grant_new RENAME TO role_grant;

-- A person heard in one assessment. removed: taken off the workshop (the
-- grant goes; the answers stay).
CREATE TABLE respondent (
	id INTEGER PRIMARY KEY,
	campaign_id TEXT NOT NULL,
	unit_id TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES user(id),
	name TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	grp TEXT NOT NULL CHECK (grp IN ('government', 'cirt', 'critical_infrastructure',
					 'law_enforcement', 'academia', 'civil_society',
					 'private_sector', 'international_partner')),
	removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
	created_by TEXT NOT NULL,
	at TEXT NOT NULL,
	UNIQUE (campaign_id, unit_id, user_id),
	FOREIGN KEY (campaign_id, unit_id) REFERENCES assessment(campaign_id, unit_id)
		ON DELETE CASCADE
);

-- A respondent's current answer to a question; author: who wrote it (the
-- respondent, or the facilitator in their hand).
CREATE TABLE respondent_answer (
	respondent_id INTEGER NOT NULL REFERENCES respondent(id) ON DELETE CASCADE,
	question TEXT NOT NULL,
	answer TEXT NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (respondent_id, question)
);

-- Every change to a respondent's answer, never overwritten (an empty
-- answer and comment: cleared).
CREATE TABLE respondent_answer_history (
	id INTEGER PRIMARY KEY,
	respondent_id INTEGER NOT NULL REFERENCES respondent(id) ON DELETE CASCADE,
	question TEXT NOT NULL,
	answer TEXT NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX respondent_answer_history_q
	ON respondent_answer_history(respondent_id, question);

-- One-time set-password tokens, stored as SHA-256 hashes of the secret.
CREATE TABLE password_token (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used_at TEXT
);
CREATE INDEX password_token_user ON password_token(user_id);
