/*
 * framework_share.c - one parsed framework read by many (see framework.h):
 * the server keeps each framework version it has parsed and hands out
 * views of it, so that saving an answer does not parse the YAML again.
 * The reference count is atomic; the framework itself is never written
 * once shared, so views read it without a lock.
 */
#include "framework.h"

#include <stdlib.h>
#include <string.h>

struct cc_framework_shared {
	int refs;
	struct cc_framework fw;
};

struct cc_framework_shared *cc_framework_share(struct cc_framework *fw)
{
	struct cc_framework_shared *sh = malloc(sizeof(*sh));

	if (!sh)
		return NULL;
	sh->refs = 1;
	sh->fw = *fw;
	sh->fw.shared = NULL;
	memset(fw, 0, sizeof(*fw));
	return sh;
}

void cc_framework_view(struct cc_framework_shared *sh, struct cc_framework *out)
{
	__atomic_add_fetch(&sh->refs, 1, __ATOMIC_RELAXED);
	*out = sh->fw;
	out->shared = sh;
}

void cc_framework_unshare(struct cc_framework_shared *sh)
{
	if (sh && __atomic_sub_fetch(&sh->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		cc_framework_free(&sh->fw);
		free(sh);
	}
}
