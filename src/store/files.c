/*
 * files.c - the files the store keeps beside its rows (evidence, files
 * attached to drill responses), content-addressed by their SHA-256.
 *
 * On SQLite they are files of the data directory (DATA/evidence/ab/abcd...,
 * written to a temporary name, fsync'ed, then renamed), so that the
 * database stays small and a backup copies them as files. On PostgreSQL
 * they are rows of stored_file (migration 0015), so that servers on
 * several machines share them without sharing a filesystem.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes data to DIR/evidence/ab/abcdef... unless it is there already. */
static int keep_on_disk(const char *dir, const char *sha, const char *data, size_t len,
			int *created, struct cc_error *err)
{
	char path[4400], tmp[4500];
	int fd;

	snprintf(path, sizeof(path), "%s/evidence", dir);
	mkdir(path, 0750);
	snprintf(path, sizeof(path), "%s/evidence/%.2s", dir, sha);
	mkdir(path, 0750);
	snprintf(path, sizeof(path), "%s/evidence/%.2s/%s", dir, sha, sha);
	if (access(path, F_OK) == 0)
		return CC_OK;
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0)
		return cc_error_set(err, CC_EIO, NULL, 0, 0, "cannot store the file: %s",
				    strerror(errno));
	for (size_t done = 0; done < len;) {
		ssize_t w = write(fd, data + done, len - done);
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			return cc_error_set(err, CC_EIO, NULL, 0, 0, "cannot store the file");
		}
		done += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return cc_error_set(err, CC_EIO, NULL, 0, 0, "cannot store the file");
	}
	*created = 1;
	return CC_OK;
}

int cc_store_keep_file(struct cc_store *s, const char *data_dir, const char *sha,
		       const char *data, size_t len, int *created, struct cc_error *err)
{
	int rc;

	*created = 0;
	if (!s->pg)
		return keep_on_disk(data_dir, sha, data, len, created, err);
	rc = cc__run(s, err, "INSERT INTO stored_file (sha256, content, size, stored_at) "
		     "VALUES (?, ?, ?, " NOW ") ON CONFLICT (sha256) DO NOTHING", "tBI", sha,
		     data, len, (long long)len);
	if (!rc)
		*created = cc__changes(s) > 0;
	return rc;
}

void cc_store_drop_file(struct cc_store *s, const char *data_dir, const char *sha)
{
	char path[4400];

	if (s->pg) {
		cc__run(s, NULL, "DELETE FROM stored_file WHERE sha256 = ?", "t", sha);
		return;
	}
	snprintf(path, sizeof(path), "%s/evidence/%.2s/%s", data_dir, sha, sha);
	unlink(path);
}

int cc_store_read_file(struct cc_store *s, const char *data_dir, const char *sha,
		       struct cc_file *out, struct cc_error *err)
{
	char path[4400];
	struct stat st;
	cc__stmt *q;
	int rc;

	*out = (struct cc_file){.fd = -1};
	if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
		return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0, "no stored file %s", sha);
	if (!s->pg) {
		snprintf(path, sizeof(path), "%s/evidence/%.2s/%s", data_dir, sha, sha);
		out->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (out->fd < 0 || fstat(out->fd, &st) != 0) {
			if (out->fd >= 0)
				close(out->fd);
			out->fd = -1;
			return cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0,
					    "the file is missing from storage");
		}
		out->size = (size_t)st.st_size;
		return CC_OK;
	}
	q = cc__prepare(s, err, "SELECT content FROM stored_file WHERE sha256 = ?", "t", sha);
	if (!q)
		return err ? err->code : CC_EIO;
	rc = cc__step(q);
	if (rc == CC__ROW) {
		out->data = cc__blob_dup(q, 0, &out->size);
		rc = out->data ? CC_OK : cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	} else {
		rc = rc == CC__DONE ? cc_error_set(err, CC_ENOTFOUND, NULL, 0, 0,
						   "the file is missing from storage") :
		     cc__db_fail(s, err, "read");
	}
	cc__finish(s, q);
	return rc;
}
