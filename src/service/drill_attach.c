/*
 * drill_attach.c - files a team attaches to its responses (see
 * drill_play.h, cc_drills_attach). The bytes go where evidence files go
 * (service/workflow.h: content-addressed, type-checked) before the
 * transaction that names them; when that transaction fails, a file this
 * call wrote is taken back, so that no stored file is left unnamed.
 */
#include "drill_play.h"

#include "drill_internal.h"
#include "workflow.h"

#include <stdio.h>
#include <string.h>

struct attach_arg {
	long long rid;
	const struct cc_principal *who;
	const char *team;
	struct cc_drill_attachment_rec *a;
};

static int do_attach(struct cc_store *s, struct cc_drill *d, void *arg, struct cc_error *err)
{
	struct attach_arg *x = arg;
	struct cc_list l;
	char entity[400];
	int rc, n;

	if (d->status != CC_DRILL_RUNNING && d->status != CC_DRILL_PAUSED)
		return cc_error_set(err, CC_ECONFLICT, "status", 0, 0, "the drill is %s: files are "
				    "attached while it runs or is paused",
				    cc_drill_status_name(d->status));
	if ((rc = cc_store_drill_response(s, d->d->id, x->rid, &l, err)))
		return rc;
	rc = strcmp(((const struct cc_drill_response_rec *)l.items)->team, x->team) != 0;
	cc_list_free(&l);
	if (rc)
		return cc_error_set(err, CC_ENOTFOUND, "response", 0, 0, "response %lld is not "
				    "your team's", x->rid);
	if ((rc = cc_store_drill_attachments(s, d->d->id, x->rid, &l, err)))
		return rc;
	n = l.n;
	cc_list_free(&l);
	if (n >= CC_DRILL_ATTACH_MAX)
		return cc_error_set(err, CC_ELIMIT, "file", 0, 0, "a response has at most %d files",
				    CC_DRILL_ATTACH_MAX);
	x->a->response = x->rid;
	x->a->team = x->team;
	x->a->user = x->who->id;
	rc = cc_store_add_drill_attachment(s, d->d->id, x->a, &x->a->id, err);
	snprintf(entity, sizeof(entity), "drill:%s/response:%lld", d->d->id, x->rid);
	if (!rc)
		rc = cc_workflow_audit(s, x->who->email, "attach", entity, NULL,
				       cc_workflow_audit_json("file", x->a->filename, "sha256",
							      x->a->sha256), err);
	return rc;
}

int cc_drills_attach(struct cc_store *s, const char *data_dir, const char *id, long long rid,
		     const struct cc_principal *who, const char *team, const char *filename,
		     const char *data, size_t len, double now, char name[201],
		     char hash[65], struct cc_drill_attachment_rec *out, struct cc_error *err)
{
	struct attach_arg x = {rid, who, team, out};
	int created = 0, rc;

	memset(out, 0, sizeof(*out));
	cc_workflow_clean_name(filename, name);
	rc = cc_workflow_check_file(name, data, len, CC_DRILL_ATTACH_MAX_BYTES, &out->mime, err);
	if (!rc)
		rc = cc_workflow_keep_file(s, data_dir, data, len, hash, &created, err);
	if (rc)
		return rc;
	out->filename = name;
	out->size = (long long)len;
	out->at = now;
	out->sha256 = hash;
	rc = cc__drill_txn(s, data_dir, id, do_attach, &x, err);
	if (rc && created)
		cc_store_drop_file(s, data_dir, hash);
	return rc;
}
