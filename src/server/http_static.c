/*
 * http_static.c - the web interface's files (web/dist). Paths are
 * confined to the folder: any segment starting with '.' is refused, so
 * "..", hidden files and encoded traversal never reach the file system.
 * A path that names no file gets index.html (the interface routes in the
 * browser). A precompressed NAME.gz is sent to clients that accept gzip.
 * Hashed assets (under /assets/) are cached for a year; the rest revalidate.
 * Symbolic links are followed only as far as the folder: a file whose real
 * path is outside the web folder's is not served (404).
 */
#include "router.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct { const char *ext, *type; } types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"},
	{".webmanifest", "application/manifest+json"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static int safe_path(const char *p)
{
	if (*p != '/' || strlen(p) > 512)
		return 0;
	for (const char *s = p; *s; s++) {
		if (*s == '/' && s[1] == '.')
			return 0;
		if (*s == '\\' || (unsigned char)*s < 0x20)
			return 0;
	}
	return 1;
}

/* Whether path's real path (links resolved) is inside root, itself a real
 * path. */
static int inside(const char *root, const char *path)
{
	char real[PATH_MAX];
	size_t n = strlen(root);

	if (!realpath(path, real))
		return 0;
	if (n == 1 && root[0] == '/')
		return 1;
	return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static int open_file(const char *root, const char *path, struct stat *st)
{
	int fd;

	if (!inside(root, path))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

int cc_h_static(struct cc_req *req, struct cc_resp *resp)
{
	const char *rel = req->path, *ae = cc_req_header(req, "Accept-Encoding");
	char path[1200], gz[1210], root[PATH_MAX];
	struct stat st;
	int fd = -1;

	if (!req->web_dir)
		return cc_resp_error(resp, 404, "not_found", NULL,
				     "this server has no web interface (start it with --web DIR)");
	if (!safe_path(rel) || !realpath(req->web_dir, root))
		return cc_resp_error(resp, 404, "not_found", NULL, "no such file");
	if (strcmp(rel, "/") == 0)
		rel = "/index.html";
	snprintf(path, sizeof(path), "%s%s", req->web_dir, rel);
	if (access(path, R_OK) != 0) {
		snprintf(path, sizeof(path), "%s/index.html", req->web_dir);
		rel = "/index.html";
	}
	resp->content_type = type_of(path);
	if (ae && strstr(ae, "gzip")) {
		snprintf(gz, sizeof(gz), "%s.gz", path);
		fd = open_file(root, gz, &st);
		resp->gzipped = fd >= 0;
	}
	if (fd < 0)
		fd = open_file(root, path, &st);
	if (fd < 0)
		return cc_resp_error(resp, 404, "not_found", NULL, "no such file");
	resp->status = 200;
	resp->fd = fd;
	resp->fd_size = (size_t)st.st_size;
	resp->cache = strncmp(rel, "/assets/", 8) == 0 ?
		"public, max-age=31536000, immutable" : "no-cache";
	return CC_OK;
}
