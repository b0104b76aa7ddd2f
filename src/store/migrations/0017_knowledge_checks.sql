-- 0017_knowledge_checks: the modules of a programme that are knowledge
-- checks (docs/skills.md, "Knowledge checks"), each with its pass mark
-- (0 to 100, the scale of skills_progress.score), in the order the
-- programme's team gave them. The scores themselves are those the
-- progress imports keep in skills_progress.
CREATE TABLE skills_knowledge_check (
	programme_id TEXT NOT NULL REFERENCES skills_programme(id),
	module TEXT NOT NULL,
	pass REAL NOT NULL CHECK (pass >= 0 AND pass <= 100),
	position INTEGER NOT NULL,
	PRIMARY KEY (programme_id, module)
);
