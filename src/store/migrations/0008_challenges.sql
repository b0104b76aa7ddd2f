-- 0008_challenges: the technical challenges of a drill
-- (../shared/spec/scenario-format.md, "Challenges"; docs/drills.md,
-- "Technical challenges"). Copied from the scenario when the drill is
-- created (service/challenges.c); controllers may add, edit and hide
-- them during play. Flags are kept as SHA-256 (lower-case hex of the
-- trimmed flag, lower-cased first for case_insensitive) whenever the type
-- allows; only regex flags keep their text, and no player-facing route
-- reads drill_flag. A team solves a challenge once: the primary key of
-- drill_solve makes a second solve impossible, whatever the concurrency.
-- Wall times are seconds since 1970 UTC; clock: minutes of play.

CREATE TABLE drill_challenge (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	challenge_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	category TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	value REAL,                         -- fixed value, NULL when dynamic
	initial REAL, minimum REAL, decay REAL,
	function TEXT CHECK (function IS NULL OR function IN ('logarithmic', 'linear')),
	max_attempts INTEGER NOT NULL DEFAULT 0 CHECK (max_attempts >= 0),
	requires TEXT NOT NULL DEFAULT '',  -- challenge ids separated by '|'
	opens_at REAL,                      -- minutes of play, NULL: from the start
	objective TEXT,                     -- the objective its solves are evidence for
	files TEXT NOT NULL DEFAULT '',     -- paths relative to the scenario, '|'
	hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
	PRIMARY KEY (drill_id, challenge_id),
	CHECK ((value IS NULL) = (initial IS NOT NULL))
);

CREATE TABLE drill_flag (
	drill_id TEXT NOT NULL,
	challenge_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('static', 'case_insensitive', 'regex')),
	sha256 TEXT,
	regex TEXT,
	PRIMARY KEY (drill_id, challenge_id, position),
	CHECK ((regex IS NULL) = (type <> 'regex')),
	CHECK ((sha256 IS NULL) = (type = 'regex')),
	FOREIGN KEY (drill_id, challenge_id) REFERENCES drill_challenge(drill_id, challenge_id)
);

CREATE TABLE drill_hint (
	drill_id TEXT NOT NULL,
	challenge_id TEXT NOT NULL,
	hint_id TEXT NOT NULL,
	position INTEGER NOT NULL,
	text TEXT NOT NULL,
	cost REAL NOT NULL CHECK (cost >= 0),
	PRIMARY KEY (drill_id, challenge_id, hint_id),
	FOREIGN KEY (drill_id, challenge_id) REFERENCES drill_challenge(drill_id, challenge_id)
);

-- Every submission taken: outcome correct, wrong or already (the team
-- had solved it); text kept for wrong answers only (the after-action
-- review; never shown to another team). Refused submissions (not
-- running, locked, rate limit) are not attempts and have no row.
CREATE TABLE drill_attempt (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL,
	challenge_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES user(id),
	outcome TEXT NOT NULL CHECK (outcome IN ('correct', 'wrong', 'already')),
	text TEXT,
	at REAL NOT NULL,
	clock REAL NOT NULL,
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
CREATE INDEX drill_attempt_team ON drill_attempt(drill_id, team_id, outcome, at);
CREATE INDEX drill_attempt_challenge ON drill_attempt(drill_id, challenge_id, team_id, outcome);

CREATE TABLE drill_solve (
	drill_id TEXT NOT NULL,
	challenge_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES user(id),
	attempt_id INTEGER NOT NULL REFERENCES drill_attempt(id),
	at REAL NOT NULL,
	clock REAL NOT NULL,
	PRIMARY KEY (drill_id, challenge_id, team_id),
	FOREIGN KEY (drill_id, challenge_id) REFERENCES drill_challenge(drill_id, challenge_id)
);

CREATE TABLE drill_hint_unlock (
	drill_id TEXT NOT NULL,
	challenge_id TEXT NOT NULL,
	hint_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES user(id),
	cost REAL NOT NULL,
	at REAL NOT NULL,
	clock REAL NOT NULL,
	PRIMARY KEY (drill_id, challenge_id, hint_id, team_id),
	FOREIGN KEY (drill_id, challenge_id, hint_id) REFERENCES drill_hint(drill_id, challenge_id, hint_id)
);

-- Points a controller awards (value > 0) or deducts (value < 0).
CREATE TABLE drill_award (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	value REAL NOT NULL,
	reason TEXT NOT NULL,
	by TEXT NOT NULL,
	at REAL NOT NULL,
	clock REAL NOT NULL,
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
CREATE INDEX drill_award_drill ON drill_award(drill_id, id);

-- The board's settings: freeze (minutes of play after which players see
-- the board as it was; NULL: never), and each team's bracket.
CREATE TABLE drill_board (
	drill_id TEXT PRIMARY KEY REFERENCES drill(id),
	freeze REAL
);
CREATE TABLE drill_bracket (
	drill_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	bracket TEXT NOT NULL,
	PRIMARY KEY (drill_id, team_id),
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
