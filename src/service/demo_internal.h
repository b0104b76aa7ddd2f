/*
 * demo_internal.h - the parts of the demonstration data directory
 * (cc_service_demo, demo.c) kept in files of their own. Not for use
 * outside src/service.
 */
#ifndef CC_DEMO_INTERNAL_H
#define CC_DEMO_INTERNAL_H

#include "service.h"

/* Every bundled framework (BUNDLED/../frameworks) and the maturity and
 * readiness campaigns on them (demo_maturity.c). */
int cc__demo_maturity(struct cc_store *s, const char *bundled, struct cc_error *err);

#endif
