/*
 * scenarios.c - drill scenarios into the store (see scenarios.h).
 *
 * A scenario with challenge files is parsed where its files are (beside
 * the file given, or a temporary folder the zip is written to), then the
 * files it names are copied to DATA/scenario-files/HASH/ (written to a
 * temporary name and renamed, so a folder there is always whole) before
 * the text is stored in one transaction with its audit row.
 */
#include "scenarios.h"

#include "workflow.h"

#include "../format/fileio.h"
#include "../format/scenario_yaml.h"
#include "../format/scenario_zip.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A challenge file's bytes, from the zip or read from disk. */
struct sfile {
	const char *path;
	const char *data;
	size_t len;
	char sha[65];
};

static void sha_hex(const char *data, size_t len, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

/* The version's hash: the text's, or over the text and each file's path
 * and hash (in path order) when there are files. */
static void version_hash(const char *text, size_t len, const struct sfile *f, int n,
			 char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char d[crypto_hash_sha256_BYTES];

	if (n == 0) {
		sha_hex(text, len, out);
		return;
	}
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)text, len);
	for (int i = 0; i < n; i++) {
		crypto_hash_sha256_update(&h, (const unsigned char *)"\0", 1);
		crypto_hash_sha256_update(&h, (const unsigned char *)f[i].path, strlen(f[i].path));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\0", 1);
		crypto_hash_sha256_update(&h, (const unsigned char *)f[i].sha, 64);
	}
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct sfile *)a)->path, ((const struct sfile *)b)->path);
}

/* Removes a folder this file made, with everything in it. */
static void remove_tree(const char *dir, int depth)
{
	DIR *d = depth < 64 ? opendir(dir) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char path[4600];
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path, depth + 1);
		else
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Writes data to dir/rel, making the folders of rel; rel is checked. */
static int write_under(const char *dir, const char *rel, const char *data, size_t len,
		       struct cc_error *err)
{
	char path[4600];
	size_t at = (size_t)snprintf(path, sizeof(path), "%s/", dir);
	int fd;

	if (!cc_szip_safe_name(rel) || at + strlen(rel) >= sizeof(path))
		return cc_error_set(err, CC_EINPUT, rel, 0, 0, "\"%.200s\" is not a file name "
				    "allowed in a scenario", rel);
	for (const char *p = rel; *p; p++) {
		path[at++] = *p;
		path[at] = '\0';
		if (p[1] == '/' && mkdir(path, 0750) != 0 && errno != EEXIST)
			return cc_error_set(err, CC_EIO, rel, 0, 0, "cannot make a folder for %s: %s",
					    rel, strerror(errno));
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0)
		return cc_error_set(err, CC_EIO, rel, 0, 0, "cannot write %s: %s", rel,
				    strerror(errno));
	for (size_t done = 0; done < len;) {
		ssize_t w = write(fd, data + done, len - done);
		if (w <= 0) {
			close(fd);
			return cc_error_set(err, CC_EIO, rel, 0, 0, "cannot write %s", rel);
		}
		done += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return cc_error_set(err, CC_EIO, rel, 0, 0, "cannot write %s", rel);
	return CC_OK;
}

static void files_root(const char *data_dir, char *out, size_t size)
{
	snprintf(out, size, "%s/scenario-files", data_dir);
}

/* DATA/scenario-files/HASH/ with the files, unless it is there. */
static int keep_files(const char *data_dir, const char *hash, const struct sfile *f, int n,
		      struct cc_error *err)
{
	char root[4300], final[4400], tmp[4400];
	struct stat st;
	int rc = CC_OK;

	files_root(data_dir, root, sizeof(root));
	snprintf(final, sizeof(final), "%s/%s", root, hash);
	if (n == 0 || (stat(final, &st) == 0 && S_ISDIR(st.st_mode)))
		return CC_OK;
	if (mkdir(root, 0750) != 0 && errno != EEXIST)
		return cc_error_set(err, CC_EIO, root, 0, 0, "cannot make the folder: %s",
				    strerror(errno));
	snprintf(tmp, sizeof(tmp), "%s/.new-XXXXXX", root);
	if (!mkdtemp(tmp))
		return cc_error_set(err, CC_EIO, root, 0, 0, "cannot make a folder: %s",
				    strerror(errno));
	for (int i = 0; !rc && i < n; i++)
		rc = write_under(tmp, f[i].path, f[i].data, f[i].len, err);
	if (!rc && rename(tmp, final) != 0 && !(stat(final, &st) == 0 && S_ISDIR(st.st_mode)))
		rc = cc_error_set(err, CC_EIO, final, 0, 0, "cannot keep the files: %s",
				  strerror(errno));
	remove_tree(tmp, 0);  /* gone already when renamed */
	return rc;
}

static int store_text(struct cc_store *s, const struct cc_scenario *sc, const char *text,
		      size_t len, const struct sfile *f, int n, const char *actor,
		      bool new_only, struct cc_scenario_added *out, struct cc_error *err)
{
	struct cc_scenario_rec r = {.id = sc->id, .hash = out->hash, .title = sc->title,
				    .text = text, .len = len, .files = n, .added_by = actor};
	struct cc_list l;
	char entity[200];
	int created = 0, rc = cc_store_scenario(s, sc->id, NULL, &l, err);

	if (!rc) {
		cc_list_free(&l);
		if (new_only)
			return cc_error_set(err, CC_ECONFLICT, "id", 0, 0,
					    "there is a scenario \"%s\" already", sc->id);
	} else if (rc != CC_ENOTFOUND) {
		return rc;
	}
	cc_error_clear(err);
	rc = cc_store_put_scenario(s, &r, &created, err);
	for (int i = 0; !rc && created && i < n; i++) {
		struct cc_scenario_file_rec fr = {f[i].path, f[i].sha, (long long)f[i].len};
		rc = cc_store_put_scenario_file(s, sc->id, out->hash, &fr, err);
	}
	snprintf(entity, sizeof(entity), "scenario:%s", sc->id);
	if (!rc && created)
		rc = cc_workflow_audit(s, actor, "add", entity, NULL,
				       cc_workflow_audit_json("hash", out->hash, "title", sc->title),
				       err);
	out->created = created;
	return rc;
}

/* Keeps a parsed scenario: its files, then its text (one transaction). */
static int keep(struct cc_store *s, const char *data_dir, const struct cc_scenario *sc,
		const char *text, size_t len, struct sfile *f, int n, const char *actor,
		bool new_only, struct cc_scenario_added *out, struct cc_error *err)
{
	int rc;

	for (int i = 0; i < n; i++)
		sha_hex(f[i].data, f[i].len, f[i].sha);
	if (n)
		qsort(f, (size_t)n, sizeof(*f), by_path);
	snprintf(out->id, sizeof(out->id), "%s", sc->id);
	version_hash(text, len, f, n, out->hash);
	out->files = n;
	rc = keep_files(data_dir, out->hash, f, n, err);
	if (!rc)
		rc = cc_store_begin(s, err);
	if (rc)
		return rc;
	rc = store_text(s, sc, text, len, f, n, actor, new_only, out, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

/* The distinct files the challenges name, in sc's arena (data NULL). */
static struct sfile *named_files(struct cc_scenario *sc, int *n)
{
	int total = 0;
	struct sfile *f;

	*n = 0;
	for (int c = 0; c < sc->nchallenges; c++)
		total += sc->challenges[c].nfiles;
	f = cc_arena_array(&sc->arena, (size_t)total + 1, sizeof(*f));
	for (int c = 0; f && c < sc->nchallenges; c++) {
		for (int k = 0; k < sc->challenges[c].nfiles; k++) {
			const char *p = sc->challenges[c].files[k];
			bool seen = false;
			for (int i = 0; i < *n && !seen; i++)
				seen = strcmp(f[i].path, p) == 0;
			if (!seen)
				f[(*n)++].path = p;
		}
	}
	return f;
}

/* The challenge files sc names, read from dir (beside the file given, or
 * where a stored version's were kept) into sc's arena. */
static int stored_files(const char *dir, struct cc_scenario *sc, struct sfile **f, int *n,
			struct cc_error *err)
{
	int rc = CC_OK;

	if (!(*f = named_files(sc, n)))
		return cc_error_set(err, CC_ENOMEM, sc->file, 0, 0, "out of memory");
	for (int i = 0; !rc && i < *n; i++) {
		char full[4600], *data;
		snprintf(full, sizeof(full), "%s/%s", dir, (*f)[i].path);
		rc = cc_read_file(full, CC_SZIP_MAX_FILE_BYTES, &data, &(*f)[i].len, err);
		if (rc)
			break;
		if (!((*f)[i].data = cc_arena_strndup(&sc->arena, data, (*f)[i].len)))
			rc = cc_error_set(err, CC_ENOMEM, sc->file, 0, 0, "out of memory");
		free(data);
	}
	return rc;
}

int cc_scenarios_add_file(struct cc_store *s, const char *data_dir, const char *path,
			  const char *actor, struct cc_scenario_added *out,
			  struct cc_error *err)
{
	struct cc_scenario sc;
	struct sfile *f;
	char *text = NULL, dir[4096];
	const char *slash = strrchr(path, '/');
	size_t len;
	int n = 0, rc;

	memset(out, 0, sizeof(*out));
	rc = cc_read_file(path, CC_SCENARIO_MAX_BYTES, &text, &len, err);
	if (rc)
		return rc;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	if (!dir[0])
		snprintf(dir, sizeof(dir), "/");
	rc = cc_scenario_parse(&sc, path, dir, text, len, err);
	if (rc) {
		free(text);
		return rc;
	}
	rc = stored_files(dir, &sc, &f, &n, err);
	if (!rc)
		rc = keep(s, data_dir, &sc, text, len, f, n, actor, false, out, err);
	cc_scenario_free(&sc);
	free(text);
	return rc;
}

static int yaml_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
}

int cc_scenarios_add_dir(struct cc_store *s, const char *data_dir, const char *dir,
			 const char *actor, int *count, struct cc_error *err)
{
	struct dirent **list = NULL;
	int n = scandir(dir, &list, yaml_file, alphasort), rc = CC_OK;

	*count = 0;
	for (int i = 0; i < n; i++) {
		char path[4600];
		struct cc_scenario_added out;

		if (!rc) {
			snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
			rc = cc_scenarios_add_file(s, data_dir, path, actor, &out, err);
			*count += !rc;
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

/* The zip's files in a temporary folder, for the reader to find. */
static int add_zip(struct cc_store *s, const char *data_dir, const struct cc_szip *z,
		   const char *actor, struct cc_scenario_added *out, struct cc_error *err)
{
	char root[4300], tmp[4400];
	struct cc_scenario sc;
	struct sfile *f = NULL;
	int n = 0, rc = CC_OK;

	files_root(data_dir, root, sizeof(root));
	if (mkdir(root, 0750) != 0 && errno != EEXIST)
		return cc_error_set(err, CC_EIO, root, 0, 0, "cannot make the folder: %s",
				    strerror(errno));
	snprintf(tmp, sizeof(tmp), "%s/.zip-XXXXXX", root);
	if (!mkdtemp(tmp))
		return cc_error_set(err, CC_EIO, root, 0, 0, "cannot make a folder: %s",
				    strerror(errno));
	for (int i = 0; !rc && i < z->nfiles; i++)
		rc = write_under(tmp, z->files[i].name, z->files[i].data, z->files[i].len, err);
	if (!rc)
		rc = cc_scenario_parse(&sc, z->yaml_name, tmp, z->yaml, z->yaml_len, err);
	remove_tree(tmp, 0);
	if (rc)
		return rc;
	if (!(f = named_files(&sc, &n)))
		rc = cc_error_set(err, CC_ENOMEM, z->yaml_name, 0, 0, "out of memory");
	for (int i = 0; !rc && i < n; i++)
		for (int k = 0; k < z->nfiles; k++)
			if (strcmp(z->files[k].name, f[i].path) == 0) {
				f[i].data = z->files[k].data;
				f[i].len = z->files[k].len;
			}
	if (!rc)
		rc = keep(s, data_dir, &sc, z->yaml, z->yaml_len, f, n, actor, true, out, err);
	cc_scenario_free(&sc);
	return rc;
}

int cc_scenarios_add_body(struct cc_store *s, const char *data_dir, const char *body,
			  size_t len, const char *actor, struct cc_scenario_added *out,
			  struct cc_error *err)
{
	struct cc_scenario sc;
	struct cc_szip z;
	int rc;

	memset(out, 0, sizeof(*out));
	if (cc_szip_is_zip(body, len)) {
		rc = cc_szip_read(&z, body, len, err);
		if (rc)
			return rc;
		rc = add_zip(s, data_dir, &z, actor, out, err);
		cc_szip_free(&z);
		return rc;
	}
	if (len > CC_SCENARIO_MAX_BYTES)
		return cc_error_set(err, CC_ELIMIT, "scenario", 0, 0, "a scenario is at most %u bytes",
				    CC_SCENARIO_MAX_BYTES);
	rc = cc_scenario_parse(&sc, "scenario", NULL, body, len, err);
	if (rc)
		return rc;
	rc = keep(s, data_dir, &sc, body, len, NULL, 0, actor, true, out, err);
	cc_scenario_free(&sc);
	return rc;
}

int cc_scenarios_add_version(struct cc_store *s, const char *data_dir,
			     const struct cc_scenario_rec *base, const char *text, size_t len,
			     const char *actor, struct cc_scenario_added *out,
			     struct cc_error *err)
{
	struct cc_scenario sc;
	struct sfile *f = NULL;
	char dir[4400], name[200];
	int n = 0, rc;

	memset(out, 0, sizeof(*out));
	snprintf(dir, sizeof(dir), "%s/scenario-files/%s", data_dir, base->hash);
	snprintf(name, sizeof(name), "scenario %s", base->id);
	rc = cc_scenario_parse(&sc, name, base->files ? dir : NULL, text, len, err);
	if (rc)
		return rc;
	if (strcmp(sc.id, base->id) != 0)
		rc = cc_error_set(err, CC_EINPUT, name, 0, 0, "the new version has the id \"%s\"",
				  sc.id);
	if (!rc)
		rc = stored_files(dir, &sc, &f, &n, err);
	if (!rc)
		rc = keep(s, data_dir, &sc, text, len, f, n, actor, false, out, err);
	cc_scenario_free(&sc);
	return rc;
}

int cc_scenarios_parse(const char *data_dir, const struct cc_scenario_rec *r,
		       struct cc_scenario *sc, struct cc_error *err)
{
	char dir[4400], name[200];

	snprintf(dir, sizeof(dir), "%s/scenario-files/%s", data_dir, r->hash);
	snprintf(name, sizeof(name), "scenario %s", r->id);
	return cc_scenario_parse(sc, name, r->files ? dir : NULL, r->text, r->len, err);
}
