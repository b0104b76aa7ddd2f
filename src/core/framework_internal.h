/*
 * framework_internal.h - the checks of format 1.1 that cc_framework_finish
 * runs (framework_v11.c). Not for use outside src/core.
 */
#ifndef CC_FRAMEWORK_INTERNAL_H
#define CC_FRAMEWORK_INTERNAL_H

#include "framework.h"

/* A rating question's `scale` to an index (before `when`s are parsed). */
int cc__framework_resolve_scale(struct cc_framework *fw, struct cc_node *n,
				struct cc_error *err);
/* Stage names per stage group, then targets (after the tree is checked). */
int cc__framework_finish_v11(struct cc_framework *fw, struct cc_error *err);

#endif
