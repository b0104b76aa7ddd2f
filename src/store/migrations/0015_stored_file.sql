-- 0015_stored_file: the files kept beside the rows (evidence, drill
-- attachments), content-addressed by SHA-256. On SQLite they stay files of
-- the data directory (DATA/evidence/, src/store/files.c) and this table
-- stays empty; on PostgreSQL they live here, so that servers share them
-- without a shared filesystem. cybercap migrate moves them between the two.
CREATE TABLE stored_file (
	sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
	content BLOB NOT NULL,
	size INTEGER NOT NULL CHECK (size >= 0),
	stored_at TEXT NOT NULL
);
