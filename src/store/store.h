/*
 * store.h - persistence: the only interface through which cybercap reads
 * and writes its database: SQLite by default (sqlite.c), PostgreSQL when
 * CYBERCAP_DB names one (pg.c). The interface speaks in records and
 * lists, never in SQL, so callers do not know which is behind it.
 *
 * A data directory holds cybercap.db (and later evidence files). Opening it
 * applies the numbered migrations not yet applied.
 *
 * Records returned in a struct cc_list live in the list's arena and are
 * released by cc_list_free. Errors follow core/error.h; a record that does
 * not exist is CC_ENOTFOUND.
 */
#ifndef CC_STORE_H
#define CC_STORE_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/error.h"
#include "../core/texts.h"

#define CC_ENOTFOUND (-10)
#define CC_ECONFLICT (-11)
#define CC_EUNAVAIL (-12)       /* the database server cannot be reached */

struct cc_store;

struct cc_list {
	struct cc_arena arena;
	void *items;
	int n;
};

void cc_list_free(struct cc_list *l);

enum { CC_LANG_EN, CC_LANG_FR, CC_LANG_ES, CC_LANG_RU, CC_LANG_ZH, CC_LANG_AR,
       CC_NLANGS };
extern const char *const cc_lang_codes[CC_NLANGS];

struct cc_unit_rec {
	const char *id;
	const char *m49;
	const char *iso2;       /* ISO 3166-1 alpha-2; "" when none (NULL: "" when writing) */
	const char *names[CC_NLANGS];
	int fictional;
};

struct cc_group_rec {
	const char *id;
	const char *name;
	const char *kind;       /* itu_region, m49_region, un, custom */
	const char **members;   /* unit ids */
	int nmembers;
};

struct cc_framework_rec {
	const char *id;
	const char *hash;       /* SHA-256 of the text, hex */
	const char *version;
	const char *title;
	const char *text;
	size_t len;
	const char *added_at;
};

enum cc_campaign_status {
	CC_CAMPAIGN_DRAFT, CC_CAMPAIGN_OPEN, CC_CAMPAIGN_REVIEW,
	CC_CAMPAIGN_CLOSED, CC_CAMPAIGN_PUBLISHED
};

struct cc_campaign_rec {
	const char *id;
	const char *framework;
	const char *framework_hash;
	const char *title;
	int year;
	enum cc_campaign_status status;
	const char *created_at;
	const char *published_at;   /* NULL until published */
	int units;                  /* units in the campaign */
	const char *framework_version;  /* the version of framework_hash's text */
};

/* Where a pre-filled answer came from (POST .../prefill): the mapping, the
 * campaign whose answers were used and the source questions
 * ("mapped:a|b"). source NULL or "": written by a person, or confirmed. */
struct cc_prefill_mark {
	const char *mapping, *campaign, *source;
};

struct cc_answer_rec {
	const char *unit;
	const char *question;
	const char *answer;
	const char *comment;
	const char *evidence;
	struct cc_prefill_mark prefill;
};

struct cc_result_rec {
	const char *unit;
	const char *node;
	double value;               /* NaN when excluded */
	int rank;                   /* 0 when excluded */
};

struct cc_result_unit_rec {
	const char *unit;
	const char *level;          /* NULL when none */
};

const char *cc_campaign_status_name(enum cc_campaign_status s);
int cc_campaign_status_parse(const char *s, enum cc_campaign_status *out);

/* Opens (creating when create is set) DIR/cybercap.db and migrates it;
 * or, when the environment's CYBERCAP_DB is a postgresql:// URL, connects
 * to that database and migrates it (DIR is then not used by the store). */
int cc_store_open(struct cc_store **out, const char *dir, int create,
		  struct cc_error *err);
/* The same, for a connection only one thread ever uses (a writer's own):
 * SQLite then takes no lock of its own on each call. */
int cc_store_open_private(struct cc_store **out, const char *dir, struct cc_error *err);
void cc_store_close(struct cc_store *s);
/* 1 when where is a PostgreSQL URL (postgresql:// or postgres://). */
int cc_store_is_url(const char *where);
/* cc_store_open at where, a data directory or a PostgreSQL URL, whatever
 * CYBERCAP_DB says (cybercap migrate opens one of each). */
int cc_store_open_at(struct cc_store **out, const char *where, int create,
		     struct cc_error *err);

/* Every row of from copied into to, a new store on either backend, with
 * the stored files (copy.c), in one transaction; then checked: the same
 * rows in every table, every stored file hashing to its name, the audit
 * chain intact (events: its length). */
#define CC_COPY_MAX_TABLES 160
struct cc_copy_report {
	struct {
		char name[64];
		long long rows;
	} tables[CC_COPY_MAX_TABLES];
	int ntables;
	long long rows, files, events;
};
int cc_store_copy(struct cc_store *from, const char *from_dir, struct cc_store *to,
		  const char *to_dir, struct cc_copy_report *rep, struct cc_error *err);

/* A number that changes whenever another connection commits a change, so
 * that a server can tell when to reload what it holds in memory. */
long long cc_store_data_version(struct cc_store *s);
/* This connection stops hearing others' commits (PostgreSQL: UNLISTEN; a
 * connection that never asks cc_store_data_version, so that commits do
 * not wake its server process); nothing on SQLite. */
void cc_store_unlisten(struct cc_store *s);
/* A number that changes whenever a table of the servers' read model
 * (snapshot.h) changes, by any connection (migration 0020's triggers);
 * -1 when it cannot be read. */
long long cc_store_read_model_version(struct cc_store *s);

/* Notifications from the database on a channel (PostgreSQL's LISTEN, a
 * connection of the listener's own, to s's database): *out is NULL on
 * SQLite, whose servers are one process. wait gives the next
 * notification's payload (payload[size]): 1, 0 after timeout_ms without
 * one, -1 when the connection broke (it connects again at the next wait;
 * what was notified meanwhile is lost: read the database again). One
 * thread per listener. */
struct cc_store_listener;
int cc_store_listener_open(struct cc_store_listener **out, struct cc_store *s,
			   const char *channel, struct cc_error *err);
int cc_store_listener_wait(struct cc_store_listener *l, int timeout_ms, char *payload,
			   size_t size);
void cc_store_listener_close(struct cc_store_listener *l);

/* A consistent copy of the database at path (SQLite's online backup:
 * writers may go on meanwhile). */
int cc_store_backup(struct cc_store *s, const char *path, struct cc_error *err);

/* Files kept beside the rows, content-addressed by their SHA-256 (hex):
 * under DATA/evidence/ on SQLite, in the database on PostgreSQL (files.c).
 * keep writes one unless it is there (*created: whether this call did);
 * drop takes back one that keep created when no row came to name it; read
 * gives an open descriptor (fd >= 0, size) or the bytes (data, malloc'd,
 * size): the caller closes or frees it. */
struct cc_file {
	int fd;
	char *data;
	size_t size;
};
int cc_store_keep_file(struct cc_store *s, const char *data_dir, const char *sha,
		       const char *data, size_t len, int *created, struct cc_error *err);
void cc_store_drop_file(struct cc_store *s, const char *data_dir, const char *sha);
int cc_store_read_file(struct cc_store *s, const char *data_dir, const char *sha,
		       struct cc_file *out, struct cc_error *err);

/* Transactions: everything between begin and commit happens or nothing. */
int cc_store_begin(struct cc_store *s, struct cc_error *err);
int cc_store_commit(struct cc_store *s, struct cc_error *err);
/* A write transaction for a batch (the group writers): as begin, but on
 * PostgreSQL its writes go without waiting for their results, so that any
 * failure fails the whole transaction (at a later statement or at the
 * commit); the caller then runs the batch again after cc_store_begin. */
int cc_store_begin_batch(struct cc_store *s, struct cc_error *err);
/* A number that moves whenever this connection wrote (or, on PostgreSQL,
 * sent a statement that may write): a batch without savepoints tells by it
 * whether a refused part left nothing behind. */
long long cc_store_writes(struct cc_store *s);
void cc_store_rollback(struct cc_store *s);
/* Inside a transaction, a part that can be undone alone (group commit:
 * one refused save in a batch undoes only itself): savepoint, then
 * release to keep it or undo to drop it (both end the part). */
int cc_store_savepoint(struct cc_store *s, struct cc_error *err);
int cc_store_release(struct cc_store *s, struct cc_error *err);
void cc_store_undo(struct cc_store *s);

/* Units and groups. put replaces a record with the same id. */
int cc_store_put_unit(struct cc_store *s, const struct cc_unit_rec *u,
		      struct cc_error *err);
int cc_store_put_group(struct cc_store *s, const char *id, const char *name,
		       const char *kind, struct cc_error *err);
int cc_store_add_member(struct cc_store *s, const char *group,
			const char *unit, struct cc_error *err);
int cc_store_unit_exists(struct cc_store *s, const char *id);
/* The English name of a unit into out[size]; 0 (and "") when unknown. */
int cc_store_unit_name(struct cc_store *s, const char *id, char *out, size_t size);
int cc_store_units(struct cc_store *s, struct cc_list *out, struct cc_error *err);
int cc_store_groups(struct cc_store *s, struct cc_list *out, struct cc_error *err);

/* Frameworks: stored as text, keyed by id and the text's hash. put returns
 * the hash in hash_out (65 bytes) and is a no-op when the same text is
 * stored already. The latest text of an id is that of its highest version
 * (core/version.h: "2027" after "2026"), the last added among texts of the
 * same version. frameworks lists the latest text of each id;
 * framework_versions the latest text of each (id, version), by id and
 * version, highest first; framework_version the latest text of one
 * (id, version), CC_ENOTFOUND when none. */
int cc_store_put_framework(struct cc_store *s, const char *id,
			   const char *version, const char *title,
			   const char *text, size_t len, char *hash_out,
			   struct cc_error *err);
int cc_store_frameworks(struct cc_store *s, struct cc_list *out,
			struct cc_error *err);
int cc_store_framework_versions(struct cc_store *s, struct cc_list *out,
				struct cc_error *err);
int cc_store_framework_version(struct cc_store *s, const char *id, const char *version,
			       struct cc_list *out, struct cc_error *err);
/* hash NULL: the latest text of id. */
int cc_store_framework(struct cc_store *s, const char *id, const char *hash,
		       struct cc_list *out, struct cc_error *err);

/* Campaigns. */
int cc_store_create_campaign(struct cc_store *s, const char *id,
			     const char *framework, const char *hash,
			     const char *title, int year, struct cc_error *err);
int cc_store_campaigns(struct cc_store *s, struct cc_list *out,
		       struct cc_error *err);
int cc_store_campaign(struct cc_store *s, const char *id, struct cc_list *out,
		      struct cc_error *err);
int cc_store_set_status(struct cc_store *s, const char *id,
			enum cc_campaign_status status, struct cc_error *err);
/* Adds a unit to a campaign (no-op when it is in already). */
int cc_store_add_assessment(struct cc_store *s, const char *campaign,
			    const char *unit, struct cc_error *err);
/* Unit ids of a campaign, in the order they were added. */
int cc_store_campaign_units(struct cc_store *s, const char *campaign,
			    struct cc_list *out, struct cc_error *err);

/* Answers: put replaces the current answer (with its pre-fill mark, which
 * an answer without one clears) and appends to the history. */
int cc_store_put_answer(struct cc_store *s, const char *campaign,
			const struct cc_answer_rec *a, const char *author,
			struct cc_error *err);
int cc_store_answers(struct cc_store *s, const char *campaign,
		     struct cc_list *out, struct cc_error *err);

/* Published results. */
int cc_store_put_result(struct cc_store *s, const char *campaign,
			const struct cc_result_rec *r, struct cc_error *err);
int cc_store_put_result_unit(struct cc_store *s, const char *campaign,
			     int position, const struct cc_result_unit_rec *u,
			     struct cc_error *err);
int cc_store_mark_published(struct cc_store *s, const char *campaign,
			    struct cc_error *err);
/* Result units in position order; results in (unit position, node) order
 * as stored. */
int cc_store_result_units(struct cc_store *s, const char *campaign,
			  struct cc_list *out, struct cc_error *err);
int cc_store_results(struct cc_store *s, const char *campaign,
		     struct cc_list *out, struct cc_error *err);

/* ---- accounts, sessions, reviews, evidence, audit (0002_accounts) ---- */

struct cc_user_rec {
	long long id;
	const char *email;
	const char *name;
	const char *password_hash;  /* Argon2id string (libsodium) */
	int disabled;
};

struct cc_grant_rec {
	const char *role;           /* admin, analyst, reviewer, focal_point */
	const char *unit;           /* NULL: any unit */
	const char *campaign;       /* NULL: any campaign */
};

struct cc_session_rec {
	long long user_id;
	const char *csrf;
	const char *kind;           /* cookie or bearer */
	const char *expires_at;
};

struct cc_review_rec {
	const char *unit, *question, *verdict, *comment, *reviewer, *at;
};

struct cc_evidence_rec {
	long long id;
	const char *unit, *question, *kind, *url, *sha256, *filename, *mime;
	long long size;
	const char *author, *at;
};

struct cc_history_rec {
	const char *answer, *comment, *author, *at;
	struct cc_prefill_mark prefill;
};

struct cc_audit_rec {
	long long id;
	const char *at, *actor, *action, *entity, *before, *after, *prev_hash, *hash;
};

int cc_store_create_user(struct cc_store *s, const char *email, const char *name,
			 const char *password_hash, long long *id,
			 struct cc_error *err);
int cc_store_set_password(struct cc_store *s, long long user,
			  const char *password_hash, struct cc_error *err);
/* One user by email (id 0 and email NULL) or by id. */
int cc_store_user(struct cc_store *s, const char *email, long long id,
		  struct cc_list *out, struct cc_error *err);
int cc_store_users(struct cc_store *s, struct cc_list *out, struct cc_error *err);
int cc_store_grant(struct cc_store *s, long long user, const char *role,
		   const char *unit, const char *campaign, struct cc_error *err);
int cc_store_grants(struct cc_store *s, long long user, struct cc_list *out,
		    struct cc_error *err);
/* Takes a grant back (a no-op when there is none); unit and campaign NULL
 * match a grant without that limit. */
int cc_store_revoke(struct cc_store *s, long long user, const char *role,
		    const char *unit, const char *campaign, struct cc_error *err);

/* One-time set-password tokens (0003_respondents), by the SHA-256 of the
 * secret. put replaces the user's earlier tokens and writes the expiry
 * (ISO 8601 UTC) into expires_at[32]. take burns a live token and gives
 * its user; CC_ENOTFOUND for one unknown, used or expired. */
int cc_store_put_password_token(struct cc_store *s, const char *token_hash,
				long long user, int ttl_seconds, char *expires_at,
				struct cc_error *err);
int cc_store_take_password_token(struct cc_store *s, const char *token_hash,
				 long long *user, struct cc_error *err);

int cc_store_create_session(struct cc_store *s, const char *token_hash,
			    long long user, const char *csrf, const char *kind,
			    int ttl_seconds, struct cc_error *err);
/* The live (not expired) session with that hash; CC_ENOTFOUND otherwise. */
int cc_store_session(struct cc_store *s, const char *token_hash,
		     struct cc_list *out, struct cc_error *err);
int cc_store_delete_session(struct cc_store *s, const char *token_hash,
			    struct cc_error *err);

int cc_store_assessment_status(struct cc_store *s, const char *campaign,
			       const char *unit, char *status, size_t size,
			       struct cc_error *err);
int cc_store_set_assessment_status(struct cc_store *s, const char *campaign,
				   const char *unit, const char *status,
				   struct cc_error *err);
/* What a change to (campaign, unit)'s answers checks first, in one read:
 * the campaign's status, the assessment's (status[size]) and, when
 * question is not NULL, its current answer (*before, malloc'd; NULL when
 * there is none). CC_ENOTFOUND for no such campaign, or the unit not in
 * it. */
int cc_store_answer_state(struct cc_store *s, const char *campaign, const char *unit,
			  const char *question, enum cc_campaign_status *campaign_status,
			  char *status, size_t size, char **before, struct cc_error *err);
/* The same for n answers at once (a batch of saves), in one round trip on
 * PostgreSQL: out[i] for (campaign[i], unit[i], question[i]); each with
 * its own rc and error. CC_OK, or the failure of the database. */
struct cc_answer_state {
	int rc;
	struct cc_error err;
	enum cc_campaign_status campaign_status;
	char status[32];
	char *before;               /* malloc'd; NULL: none (free it) */
};
int cc_store_answer_states(struct cc_store *s, int n, const char *const *campaign,
			   const char *const *unit, const char *const *question,
			   struct cc_answer_state *out, struct cc_error *err);

/* Answers of one unit (current), and the history of one question. */
int cc_store_unit_answers(struct cc_store *s, const char *campaign,
			  const char *unit, struct cc_list *out,
			  struct cc_error *err);
int cc_store_answer_history(struct cc_store *s, const char *campaign,
			    const char *unit, const char *question,
			    struct cc_list *out, struct cc_error *err);

int cc_store_put_review(struct cc_store *s, const char *campaign,
			const struct cc_review_rec *r, struct cc_error *err);
int cc_store_reviews(struct cc_store *s, const char *campaign,
		     const char *unit, struct cc_list *out, struct cc_error *err);

int cc_store_add_evidence(struct cc_store *s, const char *campaign,
			  const struct cc_evidence_rec *e, long long *id,
			  struct cc_error *err);
int cc_store_evidence(struct cc_store *s, const char *campaign,
		      const char *unit, struct cc_list *out, struct cc_error *err);

/* Appends to the audit trail (inside the caller's transaction): the row's
 * hash is SHA-256 over its id, time, actor, action, entity, before, after
 * and the previous row's hash. */
int cc_store_audit(struct cc_store *s, const char *actor, const char *action,
		   const char *entity, const char *before, const char *after,
		   struct cc_error *err);
/* Recomputes the chain; *bad gets the id of the first row whose hash does
 * not match (0 when the chain holds), *count the rows checked. */
/* The robustness job queue (jobs.c): queue a job (CC_ELIMIT when
 * max_open are queued or running already), claim the oldest queued one
 * (out: none or one), write its progress, end it (result: done; NULL:
 * failed with error), read one (CC_ENOTFOUND), and tidy: a running job
 * claimed more than stale seconds ago or a queued one as old fails (its
 * server stopped), finished ones go after keep seconds. */
struct cc_job_rec {
	const char *id, *campaign, *spec, *status, *result, *error;
	int done, total;
};
int cc_store_job_queue(struct cc_store *s, const char *id, const char *campaign,
		       const char *spec, int total, long long now, int max_open, struct cc_error *err);
int cc_store_job_claim(struct cc_store *s, const char *server, long long now, struct cc_list *out,
		       struct cc_error *err);
int cc_store_job_progress(struct cc_store *s, const char *id, int done, int total,
			  struct cc_error *err);
int cc_store_job_end(struct cc_store *s, const char *id, const char *result, const char *error,
		     int done, int total, long long now, struct cc_error *err);
int cc_store_job(struct cc_store *s, const char *id, struct cc_list *out, struct cc_error *err);
int cc_store_jobs_tidy(struct cc_store *s, long long now, long long stale, long long keep,
		       struct cc_error *err);

/* Failed sign-ins under a key's SHA-256 (hex), shared by the servers of
 * one database: add one at now (dropping those at or before now - window);
 * the latest max since since (*n of them, *oldest the earliest of those);
 * forget them all (a sign-in that succeeded). Times in seconds. */
int cc_store_failure_add(struct cc_store *s, const char *key_hash, long long now,
			 long long window, struct cc_error *err);
int cc_store_failures(struct cc_store *s, const char *key_hash, long long since, int max,
		      int *n, long long *oldest, struct cc_error *err);
int cc_store_failures_forget(struct cc_store *s, const char *key_hash, struct cc_error *err);

int cc_store_audit_verify(struct cc_store *s, long long *bad, long long *count,
			  struct cc_error *err);
int cc_store_audit_events(struct cc_store *s, const char *entity_prefix,
			  struct cc_list *out, struct cc_error *err);

/* ---- workshops of respondents (0003_respondents) ---- */

struct cc_respondent_rec {
	long long id;
	long long user_id;
	const char *campaign, *unit;
	const char *email;          /* the account's */
	const char *name, *organisation, *group;
	int removed;
	const char *created_by, *at;
	int answered;               /* questions with a non-empty answer */
};

struct cc_respondent_answer_rec {
	long long respondent;
	const char *question, *answer, *comment, *author, *at;
};

/* Adds a respondent; CC_ECONFLICT when the user is one of that assessment
 * already (removed or not). */
int cc_store_add_respondent(struct cc_store *s, const char *campaign,
			    const char *unit, long long user, const char *name,
			    const char *organisation, const char *group,
			    const char *created_by, long long *id,
			    struct cc_error *err);
/* Brings a removed respondent back with new details. */
int cc_store_restore_respondent(struct cc_store *s, long long id,
				const char *name, const char *organisation,
				const char *group, struct cc_error *err);
int cc_store_remove_respondent(struct cc_store *s, long long id,
			       struct cc_error *err);
/* The respondents of an assessment (removed ones too), by id. */
int cc_store_respondents(struct cc_store *s, const char *campaign,
			 const char *unit, struct cc_list *out,
			 struct cc_error *err);
/* One respondent of an assessment by id (user 0), or by user (id 0);
 * CC_ENOTFOUND when none. */
int cc_store_respondent(struct cc_store *s, const char *campaign,
			const char *unit, long long id, long long user,
			struct cc_list *out, struct cc_error *err);
/* Sets a respondent's answer (both answer and comment empty: clears it)
 * and appends the change to the history. */
int cc_store_put_respondent_answer(struct cc_store *s, long long respondent,
				   const char *question, const char *answer,
				   const char *comment, const char *author,
				   struct cc_error *err);
/* Current answers of one respondent (respondent > 0) or of every
 * respondent of the assessment (respondent 0), by respondent and time. */
int cc_store_respondent_answers(struct cc_store *s, const char *campaign,
				const char *unit, long long respondent,
				struct cc_list *out, struct cc_error *err);
/* The history of one respondent's answer to question, oldest first (a
 * struct cc_respondent_answer_rec per change). */
int cc_store_respondent_history(struct cc_store *s, long long respondent,
				const char *question, struct cc_list *out,
				struct cc_error *err);

/* ---- action plans (0004_plans) ---- */

struct cc_plan_rec {
	const char *id, *unit, *title;
	const char *start, *end;        /* ISO dates */
	const char *baseline;           /* a published campaign, or NULL */
	const char *template_id;        /* the template it started from, or NULL */
	int is_public;
	const char *created_by, *created_at, *updated_at;
};

/* Plan records start with their id (service/plans.c looks them up by it). */
struct cc_objective_rec {
	long long id;
	const char *plan, *title;
	int position;
};

struct cc_action_rec {
	long long id, objective;
	const char *plan, *title, *description, *lead_agency, *owner, *partners;
	const char *start, *due;        /* ISO dates, NULL when not set */
	double budget;                  /* NaN: none */
	const char *currency;           /* ISO 4217; NULL without a budget */
	const char *funding_source, *status;
	int progress, position;
	const char *created_by, *created_at, *updated_at;
};

struct cc_kpi_rec {
	long long id, action;
	const char *name, *unit;
	double baseline, target;
	int position;
};

struct cc_measurement_rec {
	long long kpi;
	const char *date;
	double value;
};

/* One row of the spine (see 0004_plans.sql): NULL members are not set. */
struct cc_link_rec {
	long long id, action;
	const char *kind, *role, *framework, *node, *campaign, *target, *ref, *detail;
};

struct cc_action_evidence_rec {
	long long id, action;
	const char *url;
};

/* Plans: create fills created_at and updated_at (CC_ECONFLICT, field id,
 * for an id in use); update writes title, dates, baseline and is_public
 * and sets updated_at; touch sets updated_at only (after a change below
 * the plan). plans lists those of unit (NULL: all) by unit and id. */
int cc_store_create_plan(struct cc_store *s, const struct cc_plan_rec *p,
			 struct cc_error *err);
int cc_store_update_plan(struct cc_store *s, const struct cc_plan_rec *p,
			 struct cc_error *err);
int cc_store_touch_plan(struct cc_store *s, const char *plan, struct cc_error *err);
int cc_store_plans(struct cc_store *s, const char *unit, struct cc_list *out,
		   struct cc_error *err);
/* CC_ENOTFOUND when there is no such plan. */
int cc_store_plan(struct cc_store *s, const char *id, struct cc_list *out,
		  struct cc_error *err);

/* What pointed at a deleted plan or action from elsewhere and lost the
 * link (set to NULL): risk treatments (their plan or action), support
 * requests (their source action), drill improvements (the plan and
 * action they were sent to). */
struct cc_plan_unlinked {
	long long risk_treatments, support_requests, drill_improvements;
};
/* Counts what points at plan (and its actions) into *out. */
int cc_store_plan_links_in(struct cc_store *s, const char *plan, struct cc_plan_unlinked *out,
			   struct cc_error *err);
/* Deletes plan with its objectives, actions (with their KPIs,
 * measurements, evidence and links) and service catalogue; what points
 * at it from risks, partnerships and drills is unlinked (counts before
 * into unlinked when not NULL). CC_ENOTFOUND when there is no such plan. */
int cc_store_delete_plan(struct cc_store *s, const char *plan, struct cc_plan_unlinked *unlinked,
			 struct cc_error *err);

/* Objectives, in position order; a new one goes last. Deleting one that
 * still has actions is CC_ECONFLICT. */
int cc_store_add_objective(struct cc_store *s, const char *plan, const char *title,
			   long long *id, struct cc_error *err);
int cc_store_update_objective(struct cc_store *s, long long id, const char *title,
			      struct cc_error *err);
int cc_store_delete_objective(struct cc_store *s, long long id, struct cc_error *err);
int cc_store_objectives(struct cc_store *s, const char *plan, struct cc_list *out,
			struct cc_error *err);

/* Actions: add goes last in its objective and fills created_at and
 * updated_at; update writes every field but id, plan, position and
 * created_* (an action moved to another objective goes last there);
 * delete takes its KPIs, measurements, evidence and links with it.
 * actions lists a plan's in objective position, then action position. */
int cc_store_add_action(struct cc_store *s, const struct cc_action_rec *a,
			long long *id, struct cc_error *err);
int cc_store_update_action(struct cc_store *s, const struct cc_action_rec *a,
			   struct cc_error *err);
/* delete_action also unlinks the drill improvements sent to it. */
int cc_store_delete_action(struct cc_store *s, long long id, struct cc_error *err);
int cc_store_actions(struct cc_store *s, const char *plan, struct cc_list *out,
		     struct cc_error *err);

/* KPIs by (action, name): put adds or updates one (its measurements
 * stay); delete takes its measurements with it. Lists cover a whole plan:
 * KPIs by action and position, measurements by KPI and date. A
 * measurement of a date already measured replaces it. */
int cc_store_put_kpi(struct cc_store *s, const struct cc_kpi_rec *k, long long *id,
		     struct cc_error *err);
int cc_store_delete_kpi(struct cc_store *s, long long id, struct cc_error *err);
int cc_store_kpis(struct cc_store *s, const char *plan, struct cc_list *out,
		  struct cc_error *err);
int cc_store_put_measurement(struct cc_store *s, long long kpi, const char *date,
			     double value, struct cc_error *err);
int cc_store_measurements(struct cc_store *s, const char *plan, struct cc_list *out,
			  struct cc_error *err);

/* Links of the spine: add one; delete those of an action in a role; list
 * a plan's by action, role and id. find_source gives the first action of
 * plan with a source link of (kind, campaign, node) (NULL campaign or
 * node match NULL), CC_ENOTFOUND when none. */
int cc_store_add_link(struct cc_store *s, const struct cc_link_rec *l,
		      struct cc_error *err);
int cc_store_delete_links(struct cc_store *s, long long action, const char *role,
			  struct cc_error *err);
int cc_store_links(struct cc_store *s, const char *plan, struct cc_list *out,
		   struct cc_error *err);
int cc_store_find_source(struct cc_store *s, const char *plan, const char *kind,
			 const char *campaign, const char *node, long long *action,
			 struct cc_error *err);

/* Evidence links of actions: replace gives an action exactly urls[n]. */
int cc_store_set_action_evidence(struct cc_store *s, long long action,
				 const char *const *urls, int n, struct cc_error *err);
int cc_store_action_evidence(struct cc_store *s, const char *plan, struct cc_list *out,
			     struct cc_error *err);

/* A plan's service catalogue: set replaces it with ids[n]; list gives the
 * ids (const char * items) sorted. */
int cc_store_set_plan_services(struct cc_store *s, const char *plan,
			       const char *const *ids, int n, struct cc_error *err);
int cc_store_plan_services(struct cc_store *s, const char *plan, struct cc_list *out,
			   struct cc_error *err);

/* Campaigns that assess unit (struct cc_campaign_rec): the published ones
 * first, by publication time, then the others by creation time. */
int cc_store_unit_campaigns(struct cc_store *s, const char *unit, struct cc_list *out,
			    struct cc_error *err);
/* ---- drills (0005_drills) ---- */

#include "store_drills.h"
#include "store_challenges.h"

/* ---- crosswalks between frameworks (0006_mappings) ---- */

struct cc_mapping_rec {
	const char *id, *title;
	const char *source, *source_hash, *source_version;   /* version "" : not named */
	const char *target, *target_hash, *target_version;
	const char *hash;           /* SHA-256 of the text, hex */
	const char *text;
	size_t len;
	const char *added_at;
};

/* ---- risk assessments (0007_risks) ---- */

struct cc_matrix_rec {
	const char *id, *hash, *title, *text;
	size_t len;
	const char *added_at;
};

/* Stores a mapping's text with the framework texts it was checked against
 * (m->hash is computed here; the rest is the caller's); replaces a mapping
 * of the same id. */
int cc_store_put_mapping(struct cc_store *s, const struct cc_mapping_rec *m,
			 struct cc_error *err);
/* Every mapping, by id; one by id (CC_ENOTFOUND when none). */
int cc_store_mappings(struct cc_store *s, struct cc_list *out, struct cc_error *err);
int cc_store_mapping(struct cc_store *s, const char *id, struct cc_list *out,
		     struct cc_error *err);

struct cc_term_rec {
	const char *kind;           /* sector, threat, actor */
	const char *id, *name, *source;
};

struct cc_risk_assessment_rec {
	const char *id, *unit, *title;
	const char *matrix, *matrix_hash;
	const char *start, *end;        /* ISO dates */
	int published;
	const char *published_at;       /* NULL until first published */
	const char *created_by, *created_at, *updated_at;
	int risks;                      /* risks in it (lists and reads) */
};

struct cc_risk_rec {
	long long key;                  /* the row's own number */
	const char *assessment, *id, *title, *scenario, *threat, *actor, *owner;
	const char *vulnerabilities;
	const char *confidence;         /* low, medium, high or NULL */
	int is_public;
	const char *public_title, *public_summary;
	const char *review_date;        /* ISO date or NULL */
	const char *created_by, *created_at, *updated_at;
};

/* A sector or a framework node of a risk (node: framework NULL). */
struct cc_risk_item_rec {
	long long risk;
	const char *framework, *value;
};

/* A rating (the risk's own, or a participant's: participant > 0). impact
 * is set for a matrix without dimensions, impacts (JSON) for one with. */
struct cc_rating_rec {
	long long risk, participant;
	const char *phase, *likelihood, *impact, *impacts;
	const char *confidence;         /* NULL: not given */
	const char *rationale;          /* a participant's: their comment */
	int workshop;
	const char *dissent;
	const char *by, *at;
};

struct cc_treatment_rec {
	long long id, risk;
	const char *option, *justification;
	const char *plan;               /* NULL: none */
	long long action;               /* 0: none (or deleted since) */
	const char *action_title, *action_status, *action_due;  /* from the plan */
	int action_progress;
	const char *created_by, *created_at;
};

struct cc_participant_rec {
	long long id, user_id;
	const char *assessment, *email, *name, *organisation, *group;
	int removed;
	const char *created_by, *at;
	int rated;                      /* ratings given */
};

/* Matrices: as frameworks (put is a no-op for a text stored already;
 * matrices lists the latest of each id; hash NULL: the latest of id). */
int cc_store_put_matrix(struct cc_store *s, const char *id, const char *title,
			const char *text, size_t len, char *hash_out, struct cc_error *err);
int cc_store_matrices(struct cc_store *s, struct cc_list *out, struct cc_error *err);
int cc_store_matrix(struct cc_store *s, const char *id, const char *hash,
		    struct cc_list *out, struct cc_error *err);

/* Taxonomies: set replaces every term of kind with terms[n] (in that
 * order); terms lists those of kind (NULL: all) by kind and position. */
int cc_store_set_terms(struct cc_store *s, const char *kind,
		       const struct cc_term_rec *terms, int n, struct cc_error *err);
int cc_store_terms(struct cc_store *s, const char *kind, struct cc_list *out,
		   struct cc_error *err);

/* Risk assessments: create fills created_at and updated_at (CC_ECONFLICT,
 * field id, for an id in use); update writes title and published (setting
 * published_at the first time). list: of unit (NULL: all), by unit, id;
 * one: CC_ENOTFOUND when there is none. */
int cc_store_create_risk_assessment(struct cc_store *s,
				    const struct cc_risk_assessment_rec *a,
				    struct cc_error *err);
int cc_store_update_risk_assessment(struct cc_store *s, const char *id, const char *title,
				    int published, struct cc_error *err);
int cc_store_risk_assessments(struct cc_store *s, const char *unit, struct cc_list *out,
			      struct cc_error *err);
int cc_store_risk_assessment(struct cc_store *s, const char *id, struct cc_list *out,
			     struct cc_error *err);

/* Risks: put inserts (key 0: CC_ECONFLICT, field id, for an id in use)
 * or updates the risk with r->key, filling *key; delete takes its
 * sectors, nodes, ratings, treatments and participants' ratings with it.
 * set_sectors / set_nodes replace a risk's lists (nodes: framework and
 * node in pairs, values[2 * i], values[2 * i + 1]). Lists cover a whole
 * assessment, by risk key and position. */
int cc_store_put_risk(struct cc_store *s, const struct cc_risk_rec *r, long long *key,
		      struct cc_error *err);
int cc_store_delete_risk(struct cc_store *s, long long key, struct cc_error *err);
int cc_store_set_risk_sectors(struct cc_store *s, long long key, const char *const *sectors,
			      int n, struct cc_error *err);
int cc_store_set_risk_nodes(struct cc_store *s, long long key, const char *const *values,
			    int n, struct cc_error *err);
int cc_store_risks(struct cc_store *s, const char *assessment, struct cc_list *out,
		   struct cc_error *err);
int cc_store_risk_sectors(struct cc_store *s, const char *assessment, struct cc_list *out,
			  struct cc_error *err);
int cc_store_risk_nodes(struct cc_store *s, const char *assessment, struct cc_list *out,
			struct cc_error *err);

/* A risk's rating in a phase: put replaces it; delete removes it (no-op
 * when none). ratings: every rating of an assessment's risks. */
int cc_store_put_rating(struct cc_store *s, const struct cc_rating_rec *r,
			struct cc_error *err);
int cc_store_delete_rating(struct cc_store *s, long long risk, const char *phase,
			   struct cc_error *err);
int cc_store_ratings(struct cc_store *s, const char *assessment, struct cc_list *out,
		     struct cc_error *err);

/* Treatments, oldest first, with the status of the plan action each
 * became (joined from the plan's action table). */
int cc_store_add_treatment(struct cc_store *s, const struct cc_treatment_rec *t,
			   long long *id, struct cc_error *err);
int cc_store_treatments(struct cc_store *s, const char *assessment, struct cc_list *out,
			struct cc_error *err);

/* Participants of a risk workshop, as respondents (above): add
 * (CC_ECONFLICT when the user is one already), restore, remove; list by
 * id (removed ones too); one by id (user 0) or by user (id 0),
 * CC_ENOTFOUND when none. */
int cc_store_add_participant(struct cc_store *s, const char *assessment, long long user,
			     const char *name, const char *organisation, const char *group,
			     const char *created_by, long long *id, struct cc_error *err);
int cc_store_restore_participant(struct cc_store *s, long long id, const char *name,
				 const char *organisation, const char *group,
				 struct cc_error *err);
int cc_store_remove_participant(struct cc_store *s, long long id, struct cc_error *err);
int cc_store_participants(struct cc_store *s, const char *assessment, struct cc_list *out,
			  struct cc_error *err);
int cc_store_participant(struct cc_store *s, const char *assessment, long long id,
			 long long user, struct cc_list *out, struct cc_error *err);
/* The risk workshops a user takes part in (not removed), by assessment. */
int cc_store_participations(struct cc_store *s, long long user, struct cc_list *out,
			    struct cc_error *err);

/* A participant's rating (r->participant, r->risk, r->phase; rationale is
 * the comment, by the author): put replaces it and appends it to the
 * history. participant_ratings: one participant's (participant > 0) or
 * every participant's of the assessment (0), by participant, risk,
 * phase. history: one (participant, risk, phase), oldest first. */
int cc_store_put_participant_rating(struct cc_store *s, const struct cc_rating_rec *r,
				    struct cc_error *err);
int cc_store_participant_ratings(struct cc_store *s, const char *assessment,
				 long long participant, struct cc_list *out,
				 struct cc_error *err);
int cc_store_participant_history(struct cc_store *s, long long participant, long long risk,
				 const char *phase, struct cc_list *out, struct cc_error *err);

/* ---- reference texts in other languages (data/i18n/LANG.yaml) ---- */

/* Replaces every text of lang with texts[0..n). */
int cc_store_set_lang_texts(struct cc_store *s, const char *lang,
			    const struct cc_text *texts, int n, struct cc_error *err);
/* The texts of kind in lang (id, text), by id. */
int cc_store_lang_texts(struct cc_store *s, const char *kind, const char *lang,
			struct cc_list *out, struct cc_error *err);
/* The languages that have texts of kind (lang only), in order. */
int cc_store_text_langs(struct cc_store *s, const char *kind, struct cc_list *out,
			struct cc_error *err);

#endif
