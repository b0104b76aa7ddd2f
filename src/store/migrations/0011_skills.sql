-- 0011_skills: skills programmes (docs/skills.md): programmes and their
-- yearly editions, tracks with target competencies (data/skills/
-- competencies.csv: ENISA ECSF role profiles and NICE work roles),
-- cohorts, the people who take part, their consents, enrolments and
-- their lifecycle, sessions and attendance, completion imported from a
-- learning platform, mentoring pairs with meetings and goals, the
-- evaluation (Kirkpatrick surveys answered per enrolment) and follow-up
-- outcomes; who coordinates or sponsors a programme.
--
-- Personal data is kept to the minimum: a person has a name, an email, a
-- country, an organisation kind and a band of years of experience, and no
-- column for gender, ethnicity, religion or health (eligibility is an
-- attestation on the enrolment). Erasure (service/skills_people.c)
-- deletes the person, consents, answers, outcomes, progress and notes;
-- enrolment, attendance and pair rows stay without anyone's name (person
-- NULL) so that counts already published do not change.
-- Times are ISO 8601 UTC text.

CREATE TABLE skills_competency (
	id TEXT PRIMARY KEY,
	source TEXT NOT NULL,              -- 'ENISA ECSF' or 'NICE'
	title TEXT NOT NULL
);

CREATE TABLE skills_programme (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	sponsors TEXT NOT NULL DEFAULT '[]',   -- JSON array of names
	partners TEXT NOT NULL DEFAULT '[]',   -- implementing partners
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE skills_edition (
	programme_id TEXT NOT NULL REFERENCES skills_programme(id),
	id TEXT NOT NULL,
	year INTEGER NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	PRIMARY KEY (programme_id, id),
	CHECK (end_date >= start_date)
);

CREATE TABLE skills_track (
	programme_id TEXT NOT NULL REFERENCES skills_programme(id),
	id TEXT NOT NULL,
	name TEXT NOT NULL,
	competencies TEXT NOT NULL,        -- JSON array of skills_competency ids
	PRIMARY KEY (programme_id, id)
);

CREATE TABLE skills_cohort (
	id TEXT PRIMARY KEY,
	programme_id TEXT NOT NULL,
	edition_id TEXT NOT NULL,
	track_id TEXT NOT NULL,
	name TEXT NOT NULL,
	region TEXT NOT NULL,
	language TEXT NOT NULL,
	capacity INTEGER NOT NULL CHECK (capacity > 0),
	FOREIGN KEY (programme_id, edition_id) REFERENCES skills_edition(programme_id, id),
	FOREIGN KEY (programme_id, track_id) REFERENCES skills_track(programme_id, id)
);

-- Who coordinates a programme (every write in it) or sponsors it (its
-- dashboard, small cells suppressed). Apart from role_grant, like
-- partnership_member.
CREATE TABLE skills_member (
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('coordinator', 'sponsor')),
	programme_id TEXT NOT NULL,
	UNIQUE (user_id, role, programme_id)
);

CREATE TABLE skills_person (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	email TEXT NOT NULL UNIQUE,
	country TEXT NOT NULL,
	org_kind TEXT NOT NULL CHECK (org_kind IN ('government', 'regulator', 'cirt', 'private',
		'academia', 'civil_society', 'international', 'other')),
	experience TEXT CHECK (experience IS NULL OR experience IN ('0-2', '3-5', '6-10', '11+')),
	user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL
);

-- One row per purpose given; withdrawal dates it (a new consent after a
-- withdrawal is a new row).
CREATE TABLE skills_consent (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES skills_person(id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('participation', 'evaluation', 'sponsor_sharing',
		'alumni_contact', 'photos')),
	given_at TEXT NOT NULL,
	withdrawn_at TEXT
);
CREATE UNIQUE INDEX skills_consent_open ON skills_consent(person_id, purpose)
	WHERE withdrawn_at IS NULL;

CREATE TABLE skills_enrolment (
	id INTEGER PRIMARY KEY,
	cohort_id TEXT NOT NULL REFERENCES skills_cohort(id),
	person_id INTEGER REFERENCES skills_person(id) ON DELETE SET NULL,  -- NULL: erased
	country TEXT NOT NULL,             -- kept for counts after erasure
	role TEXT NOT NULL CHECK (role IN ('participant', 'mentor', 'trainer')),
	status TEXT NOT NULL CHECK (status IN ('applied', 'selected', 'waitlisted', 'rejected',
		'enrolled', 'active', 'completed', 'withdrawn', 'dropped')),
	reason TEXT,
	languages TEXT NOT NULL DEFAULT '[]',  -- for matching: JSON array
	utc_offset INTEGER NOT NULL DEFAULT 0, -- minutes
	goals TEXT NOT NULL DEFAULT '[]',      -- stated goals: JSON array of words
	max_mentees INTEGER NOT NULL DEFAULT 2,
	eligible INTEGER NOT NULL DEFAULT 0 CHECK (eligible IN (0, 1)),  -- attested
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (cohort_id, person_id, role)
);

-- Every move of an enrolment, with its reason.
CREATE TABLE skills_enrolment_event (
	id INTEGER PRIMARY KEY,
	enrolment_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	from_status TEXT,
	to_status TEXT NOT NULL,
	reason TEXT,
	by TEXT NOT NULL,
	at TEXT NOT NULL
);

CREATE TABLE skills_session (
	id TEXT PRIMARY KEY,
	cohort_id TEXT NOT NULL REFERENCES skills_cohort(id),
	kind TEXT NOT NULL CHECK (kind IN ('self_paced', 'live', 'in_person', 'webinar',
		'mentoring_circle', 'study_visit')),
	title TEXT NOT NULL,
	starts TEXT NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes > 0)
);

CREATE TABLE skills_attendance (
	session_id TEXT NOT NULL REFERENCES skills_session(id),
	enrolment_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	state TEXT NOT NULL CHECK (state IN ('present', 'absent', 'excused')),
	PRIMARY KEY (session_id, enrolment_id)
);

-- Completion of self-paced modules, imported (format: moodle, openedx,
-- plain); score NULL when the export has none.
CREATE TABLE skills_progress (
	enrolment_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	module TEXT NOT NULL,
	completed_at TEXT NOT NULL,
	score REAL,
	source TEXT NOT NULL CHECK (source IN ('moodle', 'openedx', 'plain')),
	PRIMARY KEY (enrolment_id, module)
);

CREATE TABLE skills_pair (
	id INTEGER PRIMARY KEY,
	cohort_id TEXT NOT NULL REFERENCES skills_cohort(id),
	mentor_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	mentee_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'completed',
		'cancelled')),
	reasons TEXT NOT NULL,             -- JSON array of plain sentences
	overridden INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE skills_meeting (
	id INTEGER PRIMARY KEY,
	pair_id INTEGER NOT NULL REFERENCES skills_pair(id),
	at TEXT NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes > 0),
	notes TEXT                         -- NULL after erasure
);

CREATE TABLE skills_goal (
	id INTEGER PRIMARY KEY,
	pair_id INTEGER NOT NULL REFERENCES skills_pair(id),
	text TEXT,                         -- NULL after erasure
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'dropped'))
);

-- Which framework (format 1.1, rating questions) is a programme's survey
-- of a kind: Kirkpatrick level 1 (reaction_module, reaction_end), level 2
-- (self_before, self_after: one question per competency id).
CREATE TABLE skills_survey (
	programme_id TEXT NOT NULL REFERENCES skills_programme(id),
	kind TEXT NOT NULL CHECK (kind IN ('reaction_module', 'reaction_end', 'self_before',
		'self_after')),
	framework_id TEXT NOT NULL,
	framework_version TEXT NOT NULL,
	PRIMARY KEY (programme_id, kind)
);

-- An enrolment's rating of a survey's question (the question's id; for
-- self-assessments, the competency id). Deleted on erasure and on
-- withdrawal of the evaluation consent.
CREATE TABLE skills_answer (
	enrolment_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	kind TEXT NOT NULL,
	question TEXT NOT NULL,
	value REAL NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (enrolment_id, kind, question)
);

-- Follow-up at 3 and 6 months (Kirkpatrick levels 3 and 4).
CREATE TABLE skills_outcome (
	enrolment_id INTEGER NOT NULL REFERENCES skills_enrolment(id),
	months INTEGER NOT NULL CHECK (months IN (3, 6)),
	outcome TEXT NOT NULL CHECK (outcome IN ('new_role', 'promoted', 'led_incident_response',
		'trained_others', 'joined_delegation', 'published', 'none')),
	at TEXT NOT NULL,
	PRIMARY KEY (enrolment_id, months, outcome)
);

CREATE INDEX skills_enrolment_cohort ON skills_enrolment(cohort_id, status);
CREATE INDEX skills_enrolment_person ON skills_enrolment(person_id);
CREATE INDEX skills_pair_cohort ON skills_pair(cohort_id, status);
