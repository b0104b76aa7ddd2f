-- 0012_drill_attachments: files a team attaches to its response to an
-- inject (docs/drills.md, "Attachments"). The bytes are stored as evidence
-- files are, content-addressed under DATA/evidence/ab/abcdef... (one copy
-- of a file however often it is attached); this table says which response
-- a file belongs to, its name as given (cleaned), its checked type and who
-- attached it when. A response keeps its attachments; they are never
-- replaced, only added.
CREATE TABLE drill_attachment (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL,
	response_id INTEGER NOT NULL REFERENCES drill_response(id),
	sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
	filename TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL CHECK (size > 0),
	user_id INTEGER NOT NULL REFERENCES user(id),
	at REAL NOT NULL
);
CREATE INDEX drill_attachment_response ON drill_attachment(drill_id, response_id);
