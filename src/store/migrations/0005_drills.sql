-- 0005_drills: drill scenarios (../shared/spec/scenario-format.md) and the
-- drills run from them. A scenario's text is stored like a framework's,
-- by id and content hash; a drill keeps the version it was created on.
-- The play clock is computed from drill_status_event (core/drill_clock.c);
-- inject_state says, per inject, whether it is pending, delivered or
-- skipped (the state moves once: the UPDATE that delivers checks that it
-- is still pending, so no inject is delivered twice, even by several
-- servers on one database); inject_event is the ordered log the SSE
-- stream replays. Wall times are seconds since 1970 (UTC, with
-- fractions); play times are minutes. Every change is also in the audit
-- trail (service/drills.c).

-- hash: SHA-256 of the text, and of the challenge files when there are
-- some (service/scenarios.c); the files are kept under
-- DATA/scenarios/ID/HASH/.
CREATE TABLE scenario (
	id TEXT NOT NULL,
	hash TEXT NOT NULL,
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	files INTEGER NOT NULL DEFAULT 0 CHECK (files >= 0),
	added_by TEXT NOT NULL,
	added_at TEXT NOT NULL,
	PRIMARY KEY (id, hash)
);

CREATE TABLE scenario_file (
	scenario_id TEXT NOT NULL,
	scenario_hash TEXT NOT NULL,
	path TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	size INTEGER NOT NULL CHECK (size >= 0),
	PRIMARY KEY (scenario_id, scenario_hash, path),
	FOREIGN KEY (scenario_id, scenario_hash) REFERENCES scenario(id, hash)
);

CREATE TABLE drill (
	id TEXT PRIMARY KEY,
	scenario_id TEXT NOT NULL,
	scenario_hash TEXT NOT NULL,
	title TEXT NOT NULL,
	speed REAL NOT NULL CHECK (speed > 0),
	status TEXT NOT NULL DEFAULT 'scheduled'
		CHECK (status IN ('scheduled', 'running', 'paused', 'ended', 'cancelled')),
	director INTEGER NOT NULL REFERENCES user(id),
	created_at TEXT NOT NULL,
	FOREIGN KEY (scenario_id, scenario_hash) REFERENCES scenario(id, hash)
);

CREATE TABLE drill_status_event (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL REFERENCES drill(id),
	at REAL NOT NULL,
	status TEXT NOT NULL
		CHECK (status IN ('scheduled', 'running', 'paused', 'ended', 'cancelled')),
	by TEXT NOT NULL
);
CREATE INDEX drill_status_event_drill ON drill_status_event(drill_id, id);

-- Every team of the scenario has a row; unit: the organisation it plays
-- for (NULL: none named); hidden: an organisers' team, on no scoreboard.
CREATE TABLE drill_team (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	team_id TEXT NOT NULL,
	unit_id TEXT REFERENCES unit(id),
	hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
	position INTEGER NOT NULL,
	PRIMARY KEY (drill_id, team_id)
);

-- Who takes part, as what: a player belongs to exactly one team; the
-- other roles have none. A person may hold several staff roles, never a
-- player's and another (service/drills.c).
CREATE TABLE drill_member (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	user_id INTEGER NOT NULL REFERENCES user(id),
	role TEXT NOT NULL
		CHECK (role IN ('director', 'controller', 'evaluator', 'player', 'observer')),
	team_id TEXT,
	PRIMARY KEY (drill_id, user_id, role),
	CHECK ((role = 'player') = (team_id IS NOT NULL)),
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
CREATE INDEX drill_member_user ON drill_member(user_id);

-- Injects controllers add during play; delivered when added. to_teams:
-- team ids separated by '|', or 'all'.
CREATE TABLE drill_adhoc (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	inject_id TEXT NOT NULL,
	title TEXT NOT NULL,
	content TEXT NOT NULL,
	channel TEXT NOT NULL
		CHECK (channel IN ('email', 'phone', 'media', 'social', 'handout', 'system')),
	sender TEXT,
	to_teams TEXT NOT NULL,
	notes TEXT,
	by TEXT NOT NULL,
	at REAL NOT NULL,
	PRIMARY KEY (drill_id, inject_id)
);

-- One row per inject of the scenario (made with the drill) and per ad-hoc
-- inject. at, clock, by: when it left pending (wall time, play minutes)
-- and who moved it ('clock' for the scheduler).
CREATE TABLE inject_state (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	inject_id TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'skipped')),
	at REAL,
	clock REAL,
	by TEXT,
	PRIMARY KEY (drill_id, inject_id),
	CHECK ((state = 'pending') = (at IS NULL))
);

-- The ordered log of what viewers are told (the SSE stream): kind
-- 'inject' (to players: team_id the team, NULL for all), 'delivery',
-- 'skip', 'response', 'commcheck' (to staff), 'status' (to everyone).
-- payload: the event's JSON. AUTOINCREMENT: ids only ever grow.
CREATE TABLE inject_event (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	drill_id TEXT NOT NULL REFERENCES drill(id),
	kind TEXT NOT NULL
		CHECK (kind IN ('inject', 'delivery', 'skip', 'status', 'response', 'commcheck')),
	team_id TEXT,
	payload TEXT NOT NULL,
	at REAL NOT NULL
);
CREATE INDEX inject_event_drill ON inject_event(drill_id, id);

CREATE TABLE drill_response (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL,
	inject_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES user(id),
	text TEXT NOT NULL,
	at REAL NOT NULL,
	FOREIGN KEY (drill_id, inject_id) REFERENCES inject_state(drill_id, inject_id),
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
CREATE INDEX drill_response_drill ON drill_response(drill_id, inject_id, team_id);

-- The communication check: a player confirms that they receive.
CREATE TABLE drill_commcheck (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	user_id INTEGER NOT NULL REFERENCES user(id),
	confirmed_at REAL NOT NULL,
	PRIMARY KEY (drill_id, user_id)
);

-- An evaluator's observation of a team on an objective, with a rating on
-- the HSEEP scale (P, S, M, U) or none; kind: a strength, an area for
-- improvement, or a note.
CREATE TABLE drill_evaluation (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	objective_id TEXT NOT NULL,
	rating TEXT CHECK (rating IS NULL OR rating IN ('P', 'S', 'M', 'U')),
	kind TEXT NOT NULL CHECK (kind IN ('strength', 'improvement', 'note')),
	observation TEXT NOT NULL,
	evaluator INTEGER NOT NULL REFERENCES user(id),
	at REAL NOT NULL,
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
CREATE INDEX drill_evaluation_drill ON drill_evaluation(drill_id, objective_id, team_id);

-- Whether a team did an expected action of an inject (the latest mark).
CREATE TABLE drill_expect_mark (
	drill_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	inject_id TEXT NOT NULL,
	expect_id TEXT NOT NULL,
	met INTEGER NOT NULL CHECK (met IN (0, 1)),
	evaluator INTEGER NOT NULL REFERENCES user(id),
	at REAL NOT NULL,
	PRIMARY KEY (drill_id, team_id, inject_id, expect_id),
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);

-- A participant's answers to the feedback survey (core/drill_feedback.h),
-- as JSON; one per person, the latest kept.
CREATE TABLE drill_feedback (
	drill_id TEXT NOT NULL REFERENCES drill(id),
	user_id INTEGER NOT NULL REFERENCES user(id),
	answers TEXT NOT NULL,
	at REAL NOT NULL,
	PRIMARY KEY (drill_id, user_id)
);

-- The improvement plan: per finding, the corrective action, who does it
-- and by when (ISO dates); plan/plan_action: the action it became in the
-- unit's action plan, when it was sent there.
CREATE TABLE drill_improvement (
	id INTEGER PRIMARY KEY,
	drill_id TEXT NOT NULL,
	team_id TEXT NOT NULL,
	objective_id TEXT NOT NULL,
	issue TEXT NOT NULL,
	action TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	owner TEXT NOT NULL,
	start TEXT,
	due TEXT NOT NULL,
	plan_id TEXT,
	plan_action INTEGER,
	by TEXT NOT NULL,
	at REAL NOT NULL,
	FOREIGN KEY (drill_id, team_id) REFERENCES drill_team(drill_id, team_id)
);
CREATE INDEX drill_improvement_drill ON drill_improvement(drill_id, id);
