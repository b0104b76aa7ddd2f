/*
 * jobs.h - analyses that take seconds (robustness runs) started over
 * HTTP: they run on a worker thread, never on a request thread, report
 * progress, and keep their result for a while. At most CC_JOBS_RUNNING
 * run at once and each stops at a deadline, so visitors cannot tie the
 * server up; finished jobs are forgotten after CC_JOBS_KEEP_S.
 */
#ifndef CC_JOBS_H
#define CC_JOBS_H

#include <pthread.h>
#include <time.h>

#include "../core/robust.h"
#include "../service/snapshot.h"
#include "../store/store.h"

#define CC_JOBS_MAX 32
#define CC_JOBS_RUNNING 2
#define CC_JOBS_DEADLINE_S 30
#define CC_JOBS_KEEP_S 600

enum cc_job_status { CC_JOB_FREE, CC_JOB_RUNNING, CC_JOB_DONE, CC_JOB_FAILED };

struct cc_job {
	enum cc_job_status status;
	char id[33];
	char campaign[128];
	int done, total;
	char *result;                /* JSON text when done */
	char error[512];
	time_t created, finished, deadline;
	volatile int cancel;
	/* inputs */
	struct cc_factor factors[CC_ROBUST_MAX_FACTORS];
	int nfactors, runs, sobol;
	unsigned long seed;
	struct cc_snapshot *snap;    /* held while the job runs */
	const struct cc_pub *pub;
	struct cc_jobs *owner;
	time_t written;              /* when its row last got its progress */
};

struct cc_jobs {
	pthread_mutex_t lock;
	struct cc_job jobs[CC_JOBS_MAX];
	int running;
	/* How a job keeps the snapshot it reads alive. */
	struct cc_snapshot *(*hold)(void *arg);
	void (*release)(void *arg, struct cc_snapshot *snap);
	void *arg;
	/* The queue (cc_jobs_attach): the store, its lock, this server's name,
	 * the claimer thread. */
	struct cc_store *store;
	pthread_mutex_t *store_lock;
	char server[64];
	pthread_t claimer;
	int claiming;
	volatile int stop;
};

void cc_jobs_init(struct cc_jobs *j);
/* Waits for running jobs to stop (they are cancelled) and frees results. */
void cc_jobs_free(struct cc_jobs *j);

/* Connects the jobs to the store's queue (robustness_job) and starts the
 * claimer thread: any server of one database runs queued jobs. */
int cc_jobs_attach(struct cc_jobs *j, struct cc_store *s, pthread_mutex_t *store_lock);

/* Queues a robustness job on a published campaign (the spec's factors,
 * runs, sobol, seed) and starts it here when a worker is free. CC_OK with
 * the job's id in id_out (33 bytes), or CC_ELIMIT when CC_JOBS_RUNNING are
 * queued or running already (on every server of the database). */
int cc_jobs_start(struct cc_jobs *j, const struct cc_job *spec, char *id_out);

/* The job's state as JSON, from its row (the caller frees), or NULL if
 * unknown: whichever server runs it. */
char *cc_jobs_json(struct cc_jobs *j, const char *id);

#endif
