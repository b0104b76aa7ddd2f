-- 0019_robustness_job: robustness analyses as a queue in the database, so
-- that any server of one database may run one and any may report it. A
-- job is queued by the server that took the request; a server with a free
-- worker claims the oldest queued one (on PostgreSQL with FOR UPDATE SKIP
-- LOCKED: two servers never claim the same), writes its progress, then its
-- result or its error. spec: the request's {"vary", "runs", "sobol",
-- "seed"}; times in seconds since 1970; server: who claimed it (host:pid).
CREATE TABLE robustness_job (
	id TEXT PRIMARY KEY CHECK (length(id) = 32),
	campaign_id TEXT NOT NULL,
	spec TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'queued'
		CHECK (status IN ('queued', 'running', 'done', 'failed')),
	done INTEGER NOT NULL DEFAULT 0,
	total INTEGER NOT NULL DEFAULT 0,
	result TEXT,
	error TEXT NOT NULL DEFAULT '',
	server TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	claimed_at INTEGER,
	finished_at INTEGER
);
CREATE INDEX robustness_job_queue ON robustness_job(status, created_at);
