/*
 * challenge_writer.h - the one writer of challenge attempts (group
 * commit). Submissions from every connection are queued; one thread
 * takes what is queued, opens one transaction on its own connection to
 * the database, reads the server's clock once inside it, decides every
 * attempt of the batch in arrival order by the spec's rules (the drill
 * running, the team may see the challenge, solved already, max_attempts,
 * the rate limit, then the flag: ../shared/spec/scenario-format.md,
 * "Challenges"), writes them all and commits with one fsync; only then
 * is each submitter told its outcome. So every acknowledged solve is
 * durable, a team solves a challenge once however many of its players
 * submit at the same moment (one thread decides, and the store's primary
 * key stands behind it), and an attempt across the end of a drill is
 * either inside a transaction that saw the drill running (recorded and
 * scored) or after the end's commit (refused).
 *
 * What it decides on is kept in memory per drill (challenges, flags,
 * teams, solves, wrong answers per team and challenge, each team's
 * latest wrong answers) and reloaded, inside the transaction, whenever
 * another connection committed since it was read (SQLite's data_version:
 * a controller's edit, a status move, another server on the database).
 *
 * The queue and the thread are group_writer.h's; this file gives it the
 * batch.
 *
 * Threads: submit from any thread; done is called on the writer's
 * thread, after the commit, and must not block. Ownership: the caller
 * owns the job until done is called; the writer copies nothing.
 */
#ifndef CC_CHALLENGE_WRITER_H
#define CC_CHALLENGE_WRITER_H

#include "challenges.h"
#include "group_writer.h"

struct cc_ctf_writer;

struct cc_ctf_job {
	/* in */
	const char *drill, *challenge, *team, *flag;
	long long user;
	/* out */
	int rc;                          /* CC_OK, or err filled */
	struct cc_error err;
	struct cc_attempt_result r;
	/* when decided and durable */
	void (*done)(struct cc_ctf_job *job);
	void *arg;                       /* the caller's */
	struct cc_group_job g;           /* the writer's (group_writer.h) */
};

/* Opens the writer's own connection to the store in data_dir and starts
 * its thread. changed(drill, arg) is called (writer thread) after a
 * commit that solved a challenge of drill. */
int cc_ctf_writer_open(struct cc_ctf_writer **out, const char *data_dir,
		       void (*changed)(const char *drill, void *arg), void *arg,
		       struct cc_error *err);
/* Decides what is queued, stops the thread, closes the connection. */
void cc_ctf_writer_close(struct cc_ctf_writer *w);

/* Queues job; job->done is called once it is decided (and committed). */
void cc_ctf_writer_submit(struct cc_ctf_writer *w, struct cc_ctf_job *job);
/* Queues job and waits for it (job->done is set here). */
void cc_ctf_writer_wait(struct cc_ctf_writer *w, struct cc_ctf_job *job);

/* Batches committed and attempts decided so far (the benchmark). */
void cc_ctf_writer_stats(struct cc_ctf_writer *w, long long *batches, long long *attempts);

#endif
