-- 0006_mappings: crosswalks between frameworks, and answers pre-filled
-- through them.

-- A mapping file (../shared/spec/mapping-format.md) as loaded by
-- `cybercap init`, checked against the two framework texts it was bound to
-- (source_hash, target_hash). source_version and target_version are the
-- file's own ('' when it names none). Loading a file with the same id again
-- replaces the row.
CREATE TABLE mapping (
	id TEXT PRIMARY KEY,
	title TEXT NOT NULL,
	source_id TEXT NOT NULL,
	source_hash TEXT NOT NULL,
	source_version TEXT NOT NULL DEFAULT '',
	target_id TEXT NOT NULL,
	target_hash TEXT NOT NULL,
	target_version TEXT NOT NULL DEFAULT '',
	hash TEXT NOT NULL,
	text TEXT NOT NULL,
	added_at TEXT NOT NULL,
	FOREIGN KEY (source_id, source_hash) REFERENCES framework(id, hash),
	FOREIGN KEY (target_id, target_hash) REFERENCES framework(id, hash)
);

-- A pre-filled answer (POST .../prefill) names the mapping, the campaign
-- whose answers it came from and the source questions used ("mapped:a|b").
-- prefill_source is '' for an answer written by a person, and becomes ''
-- again when the focal point confirms or changes the answer; until then
-- the assessment cannot be submitted. The history keeps the marks of every
-- version.
ALTER TABLE answer ADD COLUMN prefill_mapping TEXT NOT NULL DEFAULT '';
ALTER TABLE answer ADD COLUMN prefill_campaign TEXT NOT NULL DEFAULT '';
ALTER TABLE answer ADD COLUMN prefill_source TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN prefill_mapping TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN prefill_campaign TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN prefill_source TEXT NOT NULL DEFAULT '';
