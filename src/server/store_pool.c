/*
 * store_pool.c - the server's connections for requests (see store_pool.h).
 */
#include "store_pool.h"

#include "../store/store.h"

#include <stdlib.h>

struct cc_store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int n;
	struct cc_pooled *c;
};

int cc_store_pool_open(struct cc_store_pool **out, const char *data_dir, int n,
		       struct cc_error *err)
{
	struct cc_store_pool *p = calloc(1, sizeof(*p));
	int rc = CC_OK;

	*out = NULL;
	if (!p || !(p->c = calloc((size_t)n, sizeof(*p->c)))) {
		free(p);
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	for (; p->n < n && !rc; p->n++) {
		pthread_mutex_init(&p->c[p->n].lock, NULL);
		if ((rc = cc_store_open(&p->c[p->n].store, data_dir, 0, err)))
			pthread_mutex_destroy(&p->c[p->n].lock);
		else            /* the server's own connection hears the commits */
			cc_store_unlisten(p->c[p->n].store);
	}
	if (rc) {
		p->n--;                 /* the one that failed */
		cc_store_pool_close(p);
		return rc;
	}
	*out = p;
	return CC_OK;
}

struct cc_pooled *cc_store_pool_take(struct cc_store_pool *p)
{
	struct cc_pooled *c = NULL;

	pthread_mutex_lock(&p->lock);
	while (!c) {
		for (int i = 0; !c && i < p->n; i++)
			if (!p->c[i].busy)
				c = &p->c[i];
		if (!c)
			pthread_cond_wait(&p->freed, &p->lock);
	}
	c->busy = 1;
	pthread_mutex_unlock(&p->lock);
	return c;
}

void cc_store_pool_give(struct cc_store_pool *p, struct cc_pooled *c)
{
	pthread_mutex_lock(&p->lock);
	c->busy = 0;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void cc_store_pool_close(struct cc_store_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++) {
		cc_store_close(p->c[i].store);
		pthread_mutex_destroy(&p->c[i].lock);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->c);
	free(p);
}
