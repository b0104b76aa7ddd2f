/*
 * copy.c - every row of one store copied into another, whichever backend
 * each is on (cybercap migrate: a SQLite data directory to PostgreSQL, and
 * back), then checked.
 *
 * The destination is a new store (its migrations applied, no rows). Tables
 * are copied in the order the destination created them, which puts a table
 * after the tables it refers to; rows in their insertion order (rowid), so
 * that lists ordered by it read the same. Each value keeps its kind
 * (integer, real, text, bytes, NULL). SQLite's implicit rowid becomes the
 * rowid column PostgreSQL's tables have for it, and back. Stored files
 * move with them: DATA/evidence/ files on SQLite, stored_file rows on
 * PostgreSQL (files.c). Everything goes in one transaction on the
 * destination; PostgreSQL's identity sequences are then moved past the
 * copied ids. The check counts the rows of every table on both sides and
 * hashes every stored file again.
 */
#include "store_internal.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_COLS 64

/* Names from a one-column query into list (arena strings). */
static int name_row(struct cc_list *l, cc__stmt *st, void *item)
{
	*(const char **)item = cc__col_text(l, st, 0);
	return *(const char **)item ? 0 : -1;
}

static int names(struct cc_store *s, const char *sql, const char *arg, struct cc_list *out,
		 struct cc_error *err)
{
	return cc__collect(s, arg ? cc__prepare(s, err, sql, "t", arg) : cc__prepare(s, err, sql, ""),
			   out, sizeof(const char *), name_row, err);
}

/* The tables, in the order they were created. */
static int tables(struct cc_store *s, struct cc_list *out, struct cc_error *err)
{
	return names(s, s->pg ?
		     "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = "
		     "c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema() "
		     "AND c.relname NOT IN ('schema_migration', 'read_model') ORDER BY c.oid" :
		     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
		     "'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('schema_migration', 'read_model') ORDER BY rowid",
		     NULL, out, err);
}

static int columns(struct cc_store *s, const char *table, struct cc_list *out,
		   struct cc_error *err)
{
	return names(s, s->pg ?
		     "SELECT column_name::text FROM information_schema.columns WHERE "
		     "table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position" :
		     "SELECT name FROM pragma_table_info(?) ORDER BY cid", table, out, err);
}

static int has(const struct cc_list *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(((const char **)l->items)[i], name) == 0)
			return 1;
	return 0;
}

static int count_rows(struct cc_store *s, const char *table, long long *n, struct cc_error *err)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", table);
	return cc__scalar(s, cc__prepare(s, err, sql, ""), n, err);
}

/* The SELECT on the source and the INSERT on the destination of table:
 * the destination's columns the source has too, and the rowid where one
 * side keeps it as a column (PostgreSQL) and the other implicitly. */
static int statements(struct cc_store *from, struct cc_store *to, const char *table,
		      char *sel, char *ins, size_t size, int *ncols, struct cc_error *err)
{
	struct cc_list fc, tc;
	size_t a, b;
	int rc, n = 0, rowid;

	if ((rc = columns(from, table, &fc, err)))
		return rc;
	if ((rc = columns(to, table, &tc, err))) {
		cc_list_free(&fc);
		return rc;
	}
	rowid = (from->pg ? has(&fc, "rowid") : 1) && (to->pg ? has(&tc, "rowid") : has(&fc, "rowid"));
	a = (size_t)snprintf(sel, size, "SELECT ");
	b = (size_t)snprintf(ins, size, "INSERT INTO \"%s\" (", table);
	if (rowid && !to->pg) {         /* PostgreSQL's rowid column: SQLite's own */
		a += (size_t)snprintf(sel + a, size - a, "rowid");
		b += (size_t)snprintf(ins + b, size - b, "rowid");
		n++;
	}
	for (int i = 0; i < tc.n && a < size && b < size; i++) {
		const char *c = ((const char **)tc.items)[i];

		if (strcmp(c, "rowid") != 0 && !has(&fc, c))
			continue;
		if (n == MAX_COLS) {
			rc = cc_error_set(err, CC_ELIMIT, NULL, 0, 0, "%s: too many columns", table);
			break;
		}
		a += (size_t)snprintf(sel + a, size - a, "%s\"%s\"", n ? ", " : "",
				      strcmp(c, "rowid") == 0 ? "rowid" : c);
		b += (size_t)snprintf(ins + b, size - b, "%s\"%s\"", n ? ", " : "", c);
		n++;
	}
	if (!rc && a < size)
		a += (size_t)snprintf(sel + a, size - a, " FROM \"%s\"%s", table,
				      rowid || !from->pg ? " ORDER BY rowid" :
				      has(&fc, "id") ? " ORDER BY id" : "");
	if (!rc && b < size) {
		b += (size_t)snprintf(ins + b, size - b, ") VALUES (");
		for (int i = 0; i < n && b < size; i++)
			b += (size_t)snprintf(ins + b, size - b, "%s?", i ? ", " : "");
		b += (size_t)snprintf(ins + b, size - b, ")");
	}
	if (!rc && (a >= size || b >= size))
		rc = cc_error_set(err, CC_ELIMIT, NULL, 0, 0, "%s: statement too long", table);
	*ncols = n;
	cc_list_free(&fc);
	cc_list_free(&tc);
	return rc;
}

/* The values of q's row into v (bytes copied into blobs[], freed by the
 * caller). */
static void row_values(cc__stmt *q, int n, struct cc__val *v, char **blobs)
{
	for (int i = 0; i < n; i++) {
		v[i] = (struct cc__val){.kind = cc__kind(q, i)};
		switch (v[i].kind) {
		case 'I':
			v[i].i = cc__int64(q, i);
			break;
		case 'd':
			v[i].d = cc__double(q, i);
			break;
		case 'B':
			v[i].p = blobs[i] = cc__blob_dup(q, i, &v[i].len);
			break;
		case 't':
			v[i].kind = 'b';
			v[i].p = (const char *)cc__text(q, i);
			v[i].len = (size_t)cc__bytes(q, i);
			break;
		}
	}
}

/* Writes one row of n values into to with ins; 0 or the failure. */
static int write_row(struct cc_store *to, const char *ins, const char *table, int n,
		     const struct cc__val *v, struct cc_error *err)
{
	cc__stmt *w = cc__prepare(to, err, ins, "");
	int rc;

	if (!w)
		return err ? err->code : CC_EIO;
	rc = cc__bind_vals(w, n, v) ? -1 : cc__step(w);
	rc = rc == CC__DONE ? CC_OK : cc__db_fail(to, err, table);
	cc__finish(to, w);
	return rc;
}

/* Copies every row of table; *copied their number. */
static int copy_table(struct cc_store *from, struct cc_store *to, const char *table,
		      long long *copied, struct cc_error *err)
{
	char sel[8192], ins[8192];
	struct cc__val v[MAX_COLS];
	char *blobs[MAX_COLS] = {0};
	cc__stmt *q;
	int n, rc, step;

	*copied = 0;
	if ((rc = statements(from, to, table, sel, ins, sizeof(sel), &n, err)))
		return rc;
	if (!(q = cc__prepare(from, err, sel, "")))
		return err ? err->code : CC_EIO;
	while (!rc && (step = cc__step(q)) == CC__ROW) {
		row_values(q, n, v, blobs);
		rc = write_row(to, ins, table, n, v, err);
		for (int i = 0; i < n; i++) {
			free(blobs[i]);
			blobs[i] = NULL;
		}
		if (!rc)
			++*copied;
	}
	if (!rc && step != CC__DONE)
		rc = cc__db_fail(from, err, table);
	cc__finish(from, q);
	return rc;
}

/* PostgreSQL's identity sequences past the ids copied into them. */
static int move_sequences(struct cc_store *to, struct cc_error *err)
{
	struct cc_list l;
	int rc;

	rc = cc__collect(to, cc__prepare(to, err, "SELECT table_name::text || '.' || "
		"column_name::text FROM information_schema.columns WHERE table_schema = "
		"current_schema() AND is_identity = 'YES'", ""), &l, sizeof(const char *), name_row, err);
	for (int i = 0; !rc && i < l.n; i++) {
		char t[200], sql[600], *dot;

		snprintf(t, sizeof(t), "%s", ((const char **)l.items)[i]);
		if (!(dot = strchr(t, '.')))
			continue;
		*dot = '\0';
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('\"%s\"', '%s'), "
			 "coalesce(max(\"%s\"), 0) + 1, false) FROM \"%s\"", t, dot + 1, dot + 1, t);
		rc = cc__exec(to, sql, "sequences", err);
	}
	cc_list_free(&l);
	return rc;
}

/* The whole of the file at path (malloc'd, *len bytes), or NULL. */
static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)n + 1)) && fread(data, 1, (size_t)n, f) != (size_t)n) {
		free(data);
		data = NULL;
	} else if (data) {
		*len = (size_t)n;
	}
	if (f)
		fclose(f);
	return data;
}

/* The stored files of a SQLite data directory into to (PostgreSQL). */
static int files_from_dir(struct cc_store *to, const char *dir, long long *n, struct cc_error *err)
{
	char path[4400];
	DIR *top, *sub;
	struct dirent *a, *b;
	int rc = CC_OK;

	snprintf(path, sizeof(path), "%s/evidence", dir);
	if (!(top = opendir(path)))
		return CC_OK;
	while (!rc && (a = readdir(top))) {
		if (strlen(a->d_name) != 2)
			continue;
		snprintf(path, sizeof(path), "%s/evidence/%s", dir, a->d_name);
		if (!(sub = opendir(path)))
			continue;
		while (!rc && (b = readdir(sub))) {
			size_t len = 0;
			char *data;
			int created;

			if (strlen(b->d_name) != 64 || strncmp(b->d_name, a->d_name, 2) != 0)
				continue;
			snprintf(path, sizeof(path), "%s/evidence/%s/%s", dir, a->d_name, b->d_name);
			if (!(data = read_whole(path, &len))) {
				rc = cc_error_set(err, CC_EIO, path, 0, 0, "cannot read the stored file");
				break;
			}
			rc = cc_store_keep_file(to, NULL, b->d_name, data, len, &created, err);
			free(data);
			if (!rc)
				++*n;
		}
		closedir(sub);
	}
	closedir(top);
	return rc;
}

/* The stored_file rows of from (PostgreSQL) into to's data directory. */
static int files_to_dir(struct cc_store *from, struct cc_store *to, const char *dir,
			long long *n, struct cc_error *err)
{
	cc__stmt *q = cc__prepare(from, err, "SELECT sha256, content FROM stored_file ORDER BY sha256", "");
	int rc;

	if (!q)
		return err->code;
	while ((rc = cc__step(q)) == CC__ROW) {
		size_t len;
		char *data = cc__blob_dup(q, 1, &len);
		int created;

		rc = data ? cc_store_keep_file(to, dir, (const char *)cc__text(q, 0), data, len,
					       &created, err) :
		     cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
		free(data);
		if (rc)
			break;
		++*n;
	}
	rc = rc == CC__DONE ? CC_OK : rc < 0 ? rc : cc__db_fail(from, err, "stored_file");
	cc__finish(from, q);
	return rc;
}

/* Every stored file of s hashes to its name; *n how many. */
static int check_files(struct cc_store *s, const char *dir, long long *n, struct cc_error *err)
{
	struct cc_list shas;
	int rc;

	*n = 0;
	if (s->pg) {
		rc = names(s, "SELECT sha256 FROM stored_file ORDER BY sha256", NULL, &shas, err);
	} else {
		/* the names the rows give (evidence and attachments) */
		rc = names(s, "SELECT sha256 FROM evidence WHERE kind = 'file' UNION "
			   "SELECT sha256 FROM drill_attachment", NULL, &shas, err);
	}
	for (int i = 0; !rc && i < shas.n; i++) {
		const char *sha = ((const char **)shas.items)[i];
		unsigned char d[crypto_hash_sha256_BYTES];
		char hex[65];
		struct cc_file f;
		char *data;

		if ((rc = cc_store_read_file(s, dir, sha, &f, err)))
			break;
		data = f.data;
		if (f.fd >= 0) {
			data = malloc(f.size ? f.size : 1);
			if (!data || (f.size && read(f.fd, data, f.size) != (ssize_t)f.size))
				rc = cc_error_set(err, CC_EIO, sha, 0, 0, "cannot read the stored file");
			close(f.fd);
		}
		if (!rc) {
			crypto_hash_sha256(d, (const unsigned char *)data, f.size);
			sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
			if (strcmp(hex, sha) != 0)
				rc = cc_error_set(err, CC_EIO, sha, 0, 0, "the stored file's bytes do not hash to its name");
		}
		free(data);
		++*n;
	}
	cc_list_free(&shas);
	return rc;
}

static int copy_rows(struct cc_store *from, const char *from_dir, struct cc_store *to,
		     const char *to_dir, struct cc_copy_report *rep, struct cc_error *err)
{
	struct cc_list tl;
	int rc, txn = 0, from_txn = 0;

	memset(rep, 0, sizeof(*rep));
	if ((rc = tables(to, &tl, err)))
		return rc;
	for (int i = 0; !rc && i < tl.n; i++) {
		long long n = 0;
		rc = count_rows(to, ((const char **)tl.items)[i], &n, err);
		if (!rc && n)
			rc = cc_error_set(err, CC_EINPUT, to->path, 0, 0,
					  "the destination is not empty (%s has %lld rows): the copy goes "
					  "into a new database only", ((const char **)tl.items)[i], n);
	}
	if (!rc && !to->pg)     /* rows in creation order, references checked at the end */
		rc = cc__exec(to, "PRAGMA foreign_keys=OFF", "copy", err);
	/* one snapshot of the source, however long the copy takes */
	if (!rc && !(rc = cc__exec(from, from->pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" :
				   "BEGIN", "copy", err)))
		from_txn = 1;
	if (!rc && !(rc = cc_store_begin(to, err)))
		txn = 1;
	for (int i = 0; !rc && i < tl.n; i++) {
		const char *t = ((const char **)tl.items)[i];
		long long n = 0;

		if (strcmp(t, "stored_file") == 0 && (!from->pg || !to->pg))
			continue;       /* files: below */
		if (rep->ntables == CC_COPY_MAX_TABLES) {
			rc = cc_error_set(err, CC_ELIMIT, NULL, 0, 0, "too many tables");
			break;
		}
		rc = copy_table(from, to, t, &n, err);
		snprintf(rep->tables[rep->ntables].name, sizeof(rep->tables[0].name), "%s", t);
		rep->tables[rep->ntables++].rows = n;
		rep->rows += n;
	}
	if (!rc && from->pg != to->pg)
		rc = from->pg ? files_to_dir(from, to, to_dir, &rep->files, err) :
		     files_from_dir(to, from_dir, &rep->files, err);
	if (!rc && to->pg)
		rc = move_sequences(to, err);
	if (!rc)
		rc = cc_store_commit(to, err);
	if (rc && txn)
		cc_store_rollback(to);
	if (from_txn)
		cc_store_rollback(from);    /* read only: nothing to keep */
	if (!to->pg) {
		long long bad = 0;
		cc__exec(to, "PRAGMA foreign_keys=ON", "copy", NULL);
		if (!rc && !(rc = cc__scalar(to, cc__prepare(to, err,
				"SELECT count(*) FROM pragma_foreign_key_check", ""), &bad, err)) && bad)
			rc = cc_error_set(err, CC_EIO, to->path, 0, 0, "%lld rows refer to rows that "
					  "were not copied", bad);
	}
	cc_list_free(&tl);
	return rc;
}

/* The same rows in every table on both sides, every stored file hashing
 * to its name, the audit chain intact. */
static int check_copy(struct cc_store *from, struct cc_store *to, const char *to_dir,
		      struct cc_copy_report *rep, struct cc_error *err)
{
	long long bad = 0, files = 0;
	int rc = CC_OK;

	for (int i = 0; !rc && i < rep->ntables; i++) {
		long long a = 0, b = 0;
		const char *t = rep->tables[i].name;

		rc = count_rows(from, t, &a, err);
		if (!rc)
			rc = count_rows(to, t, &b, err);
		if (!rc && a != b)
			rc = cc_error_set(err, CC_EIO, to->path, 0, 0, "%s: %lld rows here, %lld there",
					  t, b, a);
	}
	if (!rc)
		rc = check_files(to, to_dir, &files, err);
	if (!rc && !(rc = cc_store_audit_verify(to, &bad, &rep->events, err)) && bad)
		rc = cc_error_set(err, CC_EIO, to->path, 0, 0,
				  "the audit chain breaks at event %lld after the copy", bad);
	return rc;
}

int cc_store_copy(struct cc_store *from, const char *from_dir, struct cc_store *to,
		  const char *to_dir, struct cc_copy_report *rep, struct cc_error *err)
{
	int rc = copy_rows(from, from_dir, to, to_dir, rep, err);

	return rc ? rc : check_copy(from, to, to_dir, rep, err);
}
