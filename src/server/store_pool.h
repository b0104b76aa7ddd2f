/*
 * store_pool.h - the server's connections to its database for requests:
 * one per worker thread, so that requests reading or writing the database
 * do not wait for each other's connection (on PostgreSQL they run side by
 * side; on SQLite readers do, and writers wait for one another in the
 * database, as with any two connections). The drill clock, the job
 * claimer and the snapshot keep the server's own connection; the group
 * writers and the drill listener have theirs.
 */
#ifndef CC_STORE_POOL_H
#define CC_STORE_POOL_H

#include "../core/error.h"

#include <pthread.h>

struct cc_store;

/* A connection taken from the pool, with the lock its users hold
 * (struct cc_req's store and store_lock). */
struct cc_pooled {
	struct cc_store *store;
	pthread_mutex_t lock;
	int busy;                   /* under the pool's lock */
};

struct cc_store_pool;

/* n connections to data_dir's database (CYBERCAP_DB's on PostgreSQL). */
int cc_store_pool_open(struct cc_store_pool **out, const char *data_dir, int n,
		       struct cc_error *err);
/* A free connection, waiting for one when all are taken. */
struct cc_pooled *cc_store_pool_take(struct cc_store_pool *p);
void cc_store_pool_give(struct cc_store_pool *p, struct cc_pooled *c);
void cc_store_pool_close(struct cc_store_pool *p);

#endif
