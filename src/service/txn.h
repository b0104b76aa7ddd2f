/*
 * txn.h - the service files' one way of running a write in a
 * transaction. Not for use outside src/service.
 */
#ifndef CC_TXN_H
#define CC_TXN_H

#include "../store/store.h"

/* Returns from the calling function with body's status, body run inside
 * a transaction: committed on success, else rolled back. */
#define CC_TXN(s, err, body) do { \
		int rc_ = cc_store_begin((s), (err)); \
		if (rc_) return rc_; \
		rc_ = (body); \
		if (!rc_) rc_ = cc_store_commit((s), (err)); \
		if (rc_) cc_store_rollback(s); \
		return rc_; \
	} while (0)

#endif
