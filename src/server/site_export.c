/*
 * site_export.c - which API responses a static site holds, asked of the
 * embedded server, and the HTML entry points (see site_export.h).
 *
 * The views ask for: the campaign list (here: the exported campaigns
 * only), frameworks (each version the campaigns use, the latest, in each
 * language the framework has), units and groups; per campaign its results
 * on the nodes a reader can choose (the root, its parts and their parts),
 * alone and for every group, the summaries by group, each unit's profile
 * and targets and its history; the framework's trends on those nodes
 * (balanced or not) and the movers between every two exported editions;
 * the results downloads. A path that the interface asks for and the site
 * lacks gets a clear "not in this site" from the interface.
 */
#include "site_export.h"

#include "server.h"
#include "site_files.h"
#include "../format/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_PARAMS 4

struct param {
	const char *k, *v;
};

struct crawl {
	struct cc_server *sv;
	struct cc_site_out out;
	json_t *files;               /* canonical API path -> file */
	int responses;
	struct cc_error *err;
};

/* Request flags. */
enum { OPTIONAL = 1, KEEP = 2 };

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct param *)a)->k, ((const struct param *)b)->k);
}

/* Appends s percent-encoded (everything but unreserved characters). */
static size_t encode(char *buf, size_t at, size_t cap, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s && at + 4 < cap; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '-' || ch == '_' || ch == '.' || ch == '~') {
			buf[at++] = (char)ch;
		} else {
			buf[at++] = '%';
			buf[at++] = hex[ch >> 4];
			buf[at++] = hex[ch & 15];
		}
	}
	buf[at] = '\0';
	return at;
}

/* The canonical key (segments joined raw, parameters sorted by name,
 * raw: web/src/api.ts siteKey does the same) and the request URL. */
static int make_paths(const char *const *seg, struct param *p, int np, char *key,
		      char *url, size_t cap)
{
	size_t k = 0, u = (size_t)snprintf(url, cap, "/api/v1");

	if (np > 0)
		qsort(p, (size_t)np, sizeof(*p), by_name);
	key[0] = '\0';
	for (int i = 0; seg[i]; i++) {
		k += (size_t)snprintf(key + k, cap - k, "/%s", seg[i]);
		if (u + 2 < cap)
			url[u++] = '/';
		u = encode(url, u, cap, seg[i]);
	}
	for (int i = 0; i < np; i++) {
		k += (size_t)snprintf(key + k, cap - k, "%c%s=%s", i ? '&' : '?', p[i].k, p[i].v);
		u += (size_t)snprintf(url + u, cap - u, "%c%s=", i ? '&' : '?', p[i].k);
		u = encode(url, u, cap, p[i].v);
	}
	return k < cap - 1 && u < cap - 5 ? 0 : -1;
}

/* GET url through the embedded server: its status and body. */
static int get(struct crawl *c, const char *url, int *status, char **body, size_t *len)
{
	char req[4200], *resp, *at;
	size_t n;
	int rc = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: static-site\r\n"
			  "Accept: application/json\r\nConnection: close\r\n\r\n", url);

	if (rc < 0 || (size_t)rc >= sizeof(req) ||
	    cc_server_exchange(c->sv, req, (size_t)rc, &resp, &n) != CC_OK)
		return cc_error_set(c->err, CC_EIO, NULL, 0, 0, "GET %s: no answer", url);
	at = strstr(resp, "\r\n\r\n");
	if (!at || sscanf(resp, "HTTP/1.1 %d", status) != 1) {
		free(resp);
		return cc_error_set(c->err, CC_EIO, NULL, 0, 0, "GET %s: not an HTTP answer", url);
	}
	at += 4;
	*len = n - (size_t)(at - resp);
	memmove(resp, at, *len + 1);
	*body = resp;
	return CC_OK;
}

/* The file name for a body: downloads keep a readable name under files/
 * (the API path; published results never change), JSON is
 * content-addressed under data/. */
static int store_body(struct crawl *c, const char *key, const char *body, size_t len,
		      char *name, size_t size)
{
	size_t n = strlen(key);

	if (n > 4 && (strcmp(key + n - 4, ".csv") == 0 || strcmp(key + n - 5, ".xlsx") == 0)) {
		snprintf(name, size, "files%s", key);
		return cc_site_write(&c->out, name, body, len, cc_site_compressible(name), c->err);
	}
	return cc_site_write_hashed(&c->out, "data/r", "json", body, len, name, size, c->err);
}

/* Asks for one path; on 200 writes its file and maps it. *json (when
 * wanted) gets the parsed body. Returns CC_OK, 1 when an OPTIONAL path
 * was not there (4xx), or an error. */
static int fetch(struct crawl *c, const char *const *seg, struct param *p, int np,
		 int flags, json_t **json)
{
	char key[2048], url[4096], name[2200], *body;
	size_t len;
	int status, rc;

	if (json)
		*json = NULL;
	if (make_paths(seg, p, np, key, url, sizeof(key)))
		return cc_error_set(c->err, CC_EINPUT, NULL, 0, 0, "a path too long (%s)", seg[0]);
	if (json_object_get(c->files, key) && !json && !(flags & KEEP))
		return CC_OK;
	rc = get(c, url, &status, &body, &len);
	if (rc)
		return rc;
	if (status != 200) {
		free(body);
		if ((flags & OPTIONAL) && status >= 400 && status < 500)
			return 1;
		return cc_error_set(c->err, CC_EIO, NULL, 0, 0, "GET %s answered %d", url, status);
	}
	if (json) {
		json_error_t jerr;
		*json = json_loadb(body, len, 0, &jerr);
		if (!*json) {
			free(body);
			return cc_error_set(c->err, CC_EIO, NULL, 0, 0, "GET %s: not JSON", url);
		}
	}
	rc = flags & KEEP ? CC_OK : store_body(c, key, body, len, name, sizeof(name));
	free(body);
	if (!rc && !(flags & KEEP)) {
		json_object_set_new(c->files, key, json_string(name));
		c->responses++;
	}
	if (rc && json) {
		json_decref(*json);
		*json = NULL;
	}
	return rc;
}

/* Maps key to a body made here (the filtered campaign list). */
static int put_made(struct crawl *c, const char *key, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12)), name[200];
	int rc;

	if (!text)
		return cc_error_set(c->err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	rc = cc_site_write_hashed(&c->out, "data/r", "json", text, strlen(text), name,
				  sizeof(name), c->err);
	free(text);
	if (!rc) {
		json_object_set_new(c->files, key, json_string(name));
		c->responses++;
	}
	return rc;
}

/* Ids of the nodes a reader can choose: the root, its children and
 * theirs (node selects offer the root and its parts; rankings show a
 * node's parts). */
static void collect_nodes(json_t *node, int depth, json_t *ids)
{
	json_t *kids = json_object_get(node, "children"), *k;
	size_t i;

	json_array_append(ids, json_object_get(node, "id"));
	if (depth >= 2)
		return;
	json_array_foreach(kids, i, k) {
		if (json_object_get(k, "children"))
			collect_nodes(k, depth + 1, ids);
		else
			json_array_append(ids, json_object_get(k, "id"));
	}
}

#define SEG(...) ((const char *const[]){__VA_ARGS__, NULL})

/* A framework (one version or the latest) in each of its languages; its
 * node ids into nodes when wanted. */
static int fetch_framework(struct crawl *c, const char *id, const char *version, json_t *nodes)
{
	struct param p[2];
	int np = 0, rc;
	json_t *fw, *langs, *l;
	size_t i;

	if (version)
		p[np++] = (struct param){"version", version};
	rc = fetch(c, SEG("frameworks", id), p, np, 0, &fw);
	if (rc)
		return rc;
	if (nodes)
		collect_nodes(fw, 0, nodes);
	langs = json_object_get(fw, "languages");
	json_array_foreach(langs, i, l) {
		const char *tag = json_is_string(l) ? json_string_value(l) :
				  json_string_value(json_object_get(l, "tag"));
		if (!tag || rc)
			continue;
		p[np] = (struct param){"lang", tag};
		rc = fetch(c, SEG("frameworks", id), p, np + 1, OPTIONAL, NULL);
		rc = rc == 1 ? CC_OK : rc;
	}
	json_decref(fw);
	return rc;
}

static int ok_or_absent(int rc)
{
	return rc == 1 ? CC_OK : rc;
}

/* Everything of one published campaign; its units into units. */
static int fetch_campaign(struct crawl *c, json_t *camp, json_t *groups, json_t *units)
{
	const char *id = json_string_value(json_object_get(camp, "id"));
	const char *fwid = json_string_value(json_object_get(camp, "framework"));
	const char *version = json_string_value(json_object_get(camp, "framework_version"));
	static const char *const bys[] = {"itu_region", "ldc", "sids"};
	json_t *nodes = json_array(), *res = NULL, *r, *n, *g;
	size_t i, j;
	int rc = fetch_framework(c, fwid, version, nodes);

	if (!rc)
		rc = fetch(c, SEG("campaigns", id, "results"), NULL, 0, 0, &res);
	json_array_foreach(nodes, i, n) {
		const char *node = json_string_value(n);
		if (rc)
			break;
		rc = fetch(c, SEG("campaigns", id, "results"), (struct param[]){{"node", node}}, 1, 0, NULL);
		json_array_foreach(groups, j, g) {
			const char *gid = json_string_value(json_object_get(g, "id"));
			if (!rc && gid)
				rc = ok_or_absent(fetch(c, SEG("campaigns", id, "results"),
					(struct param[]){{"node", node}, {"group", gid}}, 2, OPTIONAL, NULL));
		}
	}
	for (size_t b = 0; !rc && b < sizeof(bys) / sizeof(bys[0]); b++)
		rc = fetch(c, SEG("campaigns", id, "summary"), (struct param[]){{"by", bys[b]}}, 1, 0, NULL);
	if (!rc)
		rc = fetch(c, SEG("campaigns", id, "results.csv"), NULL, 0, 0, NULL);
	if (!rc)
		rc = fetch(c, SEG("campaigns", id, "results.xlsx"), NULL, 0, 0, NULL);
	json_array_foreach(rc ? NULL : json_object_get(res, "results"), i, r) {
		const char *unit = json_string_value(json_object_get(r, "unit"));
		if (rc || !unit)
			continue;
		json_object_set_new(units, unit, json_true());
		rc = fetch(c, SEG("campaigns", id, "results", unit), NULL, 0, 0, NULL);
		if (!rc)
			rc = ok_or_absent(fetch(c, SEG("campaigns", id, "results", unit, "targets"),
						NULL, 0, OPTIONAL, NULL));
		if (!rc)
			rc = fetch(c, SEG("units", unit, "history"),
				   (struct param[]){{"framework", fwid}}, 1, 0, NULL);
	}
	json_decref(res);
	json_decref(nodes);
	return rc;
}

/* Over time: the trends of a framework's nodes and the movers between
 * every two of its exported editions. */
static int fetch_trends(struct crawl *c, const char *fwid, json_t *editions)
{
	json_t *nodes = json_array(), *n, *a, *b;
	size_t i, j, k;
	int rc = fetch_framework(c, fwid, NULL, nodes);

	json_array_foreach(rc ? NULL : nodes, i, n) {
		const char *node = i ? json_string_value(n) : NULL;
		for (int bal = 0; !rc && bal < 2; bal++) {
			struct param p[3] = {{"framework", fwid}};
			int np = 1;
			if (node)
				p[np++] = (struct param){"node", node};
			if (bal)
				p[np++] = (struct param){"balanced", "true"};
			rc = ok_or_absent(fetch(c, SEG("trends"), p, np, OPTIONAL, NULL));
		}
		json_array_foreach(rc ? NULL : editions, j, a)
			json_array_foreach(editions, k, b) {
				struct param p[4] = {{"framework", fwid},
						     {"from", json_string_value(a)},
						     {"to", json_string_value(b)}};
				if (rc || j == k)
					continue;
				if (node)
					p[3] = (struct param){"node", node};
				rc = ok_or_absent(fetch(c, SEG("trends", "movers"), p, node ? 4 : 3,
							OPTIONAL, NULL));
			}
	}
	json_decref(nodes);
	return rc;
}

/* The campaign list with the exported campaigns only; each must be
 * published. Their framework ids (with their editions) into fws. */
static int fetch_campaigns(struct crawl *c, const struct cc_site_opts *o, json_t **chosen,
			   json_t *fws)
{
	json_t *all, *list = json_array(), *camp;
	size_t i;
	int rc = fetch(c, SEG("campaigns"), NULL, 0, KEEP, &all);

	for (int k = 0; !rc && k < o->ncampaigns; k++) {
		json_t *found = NULL;
		json_array_foreach(json_object_get(all, "campaigns"), i, camp)
			if (strcmp(json_string_value(json_object_get(camp, "id")), o->campaigns[k]) == 0)
				found = camp;
		if (!found)
			rc = cc_error_set(c->err, CC_EINPUT, "--campaign", 0, 0,
					  "no campaign \"%s\"", o->campaigns[k]);
		else if (strcmp(json_string_value(json_object_get(found, "status")), "published"))
			rc = cc_error_set(c->err, CC_EINPUT, "--campaign", 0, 0,
					  "campaign \"%s\" is %s: a static site holds published "
					  "results only", o->campaigns[k],
					  json_string_value(json_object_get(found, "status")));
	}
	/* in the server's order, each once */
	json_array_foreach(rc ? NULL : json_object_get(all, "campaigns"), i, camp) {
		const char *id = json_string_value(json_object_get(camp, "id"));
		const char *fw = json_string_value(json_object_get(camp, "framework"));
		int wanted = 0;
		for (int k = 0; k < o->ncampaigns; k++)
			wanted |= strcmp(id, o->campaigns[k]) == 0;
		if (!wanted)
			continue;
		json_array_append(list, camp);
		if (!json_object_get(fws, fw))
			json_object_set_new(fws, fw, json_array());
		json_array_append_new(json_object_get(fws, fw), json_string(id));
	}
	if (!rc) {
		json_t *made = json_deep_copy(all);
		json_object_set(made, "campaigns", list);
		rc = put_made(c, "/campaigns", made);
		json_decref(made);
	}
	json_decref(all);
	*chosen = list;
	return rc;
}

/* index.html with the manifest's <meta> before </head>. */
static char *with_meta(const char *html, const char *manifest)
{
	const char *head = strstr(html, "</head>");
	char meta[300];
	size_t n = strlen(html), m;
	char *out;

	if (!head)
		return NULL;
	m = (size_t)snprintf(meta, sizeof(meta),
			     "<meta name=\"cybercap-site\" content=\"/%s\">\n", manifest);
	out = malloc(n + m + 1);
	if (out) {
		size_t at = (size_t)(head - html);
		memcpy(out, html, at);
		memcpy(out + at, meta, m);
		memcpy(out + at + m, head, n - at + 1);
	}
	return out;
}

/* The web interface, then the same index.html (naming the manifest) at
 * each path a reader may open directly: a static host answers
 * /rankings/ with rankings/index.html, and others with 404.html. */
static int write_pages(struct crawl *c, const char *web_dir, const char *manifest,
		       json_t *units, json_t *fws, int *pages)
{
	char path[4200], rel[600], *html = NULL, *page;
	size_t len;
	const char *key;
	json_t *v;
	static const char *const fixed[] = {"index.html", "404.html", "rankings/index.html",
					    "compare/index.html", "trends/index.html",
					    "frameworks/index.html"};
	int rc = cc_site_copy_tree(&c->out, web_dir, "", c->err);

	snprintf(path, sizeof(path), "%s/index.html", web_dir);
	if (!rc)
		rc = cc_read_file(path, 1u << 20, &html, &len, c->err);
	if (rc)
		return rc;
	page = with_meta(html, manifest);
	free(html);
	if (!page)
		return cc_error_set(c->err, CC_EINPUT, path, 0, 0, "no </head> in the web interface's index.html");
	len = strlen(page);
	*pages = 0;
	for (size_t i = 0; !rc && i < sizeof(fixed) / sizeof(fixed[0]); i++, ++*pages)
		rc = cc_site_write(&c->out, fixed[i], page, len, 1, c->err);
	json_object_foreach(rc ? NULL : units, key, v) {
		snprintf(rel, sizeof(rel), "units/%s/index.html", key);
		if (!rc && !strchr(key, '/') && key[0] != '.') {
			rc = cc_site_write(&c->out, rel, page, len, 1, c->err);
			++*pages;
		}
	}
	json_object_foreach(rc ? NULL : fws, key, v) {
		snprintf(rel, sizeof(rel), "frameworks/%s/index.html", key);
		if (!rc && !strchr(key, '/') && key[0] != '.') {
			rc = cc_site_write(&c->out, rel, page, len, 1, c->err);
			++*pages;
		}
	}
	free(page);
	return rc;
}

/* The output directory: made, or empty. */
static int prepare_out(const char *dir, struct cc_error *err)
{
	DIR *d;
	struct dirent *e;
	int used = 0;

	if (mkdir(dir, 0755) == 0)
		return CC_OK;
	if (errno != EEXIST || !(d = opendir(dir)))
		return cc_error_set(err, CC_EIO, dir, 0, 0, "cannot create the output directory: %s",
				    strerror(errno));
	while ((e = readdir(d)) != NULL)
		used |= strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return used ? cc_error_set(err, CC_EINPUT, dir, 0, 0,
				   "the output directory is not empty (export into a new one)") : CC_OK;
}

static int crawl_all(struct crawl *c, const struct cc_site_opts *o, json_t *units, json_t *fws)
{
	json_t *chosen = NULL, *groups = NULL, *camp, *eds;
	const char *fw;
	size_t i;
	int rc = fetch_campaigns(c, o, &chosen, fws);

	if (!rc)
		rc = fetch(c, SEG("frameworks"), NULL, 0, 0, NULL);
	if (!rc)
		rc = fetch(c, SEG("units"), NULL, 0, 0, NULL);
	if (!rc)
		rc = fetch(c, SEG("groups"), NULL, 0, 0, &groups);
	json_array_foreach(rc ? NULL : chosen, i, camp)
		if (!rc)
			rc = fetch_campaign(c, camp, json_object_get(groups, "groups"), units);
	json_object_foreach(rc ? NULL : fws, fw, eds) {
		if (!rc)
			rc = fetch_trends(c, fw, eds);
		if (!rc)
			rc = ok_or_absent(fetch(c, SEG("mappings"), (struct param[]){{"target", fw}}, 1,
						OPTIONAL, NULL));
	}
	json_decref(groups);
	json_decref(chosen);
	return rc;
}

/* The OpenAPI description where the footer links it. */
static int write_openapi(struct crawl *c)
{
	char *body;
	size_t len;
	int status, rc = get(c, "/api/v1/openapi.json", &status, &body, &len);

	if (rc)
		return rc;
	rc = status == 200 ? cc_site_write(&c->out, "api/v1/openapi.json", body, len, 1, c->err) :
	     cc_error_set(c->err, CC_EIO, NULL, 0, 0, "GET /api/v1/openapi.json answered %d", status);
	free(body);
	return rc;
}

int cc_site_export(const struct cc_site_opts *o, struct cc_site_stats *st,
		   struct cc_error *err)
{
	struct cc_server_opts so = {.data_dir = o->data_dir, .web_dir = o->web_dir};
	struct crawl c = {.out = {.dir = o->out_dir}, .err = err};
	json_t *units = json_object(), *fws = json_object(), *manifest = NULL;
	char name[200], *text = NULL;
	int rc;

	memset(st, 0, sizeof(*st));
	if (o->ncampaigns < 1)
		return cc_error_set(err, CC_EUSAGE, NULL, 0, 0, "name at least one --campaign");
	rc = prepare_out(o->out_dir, err);
	if (!rc)
		rc = cc_server_embed(&so, &c.sv, err);
	if (rc) {
		json_decref(units), json_decref(fws);
		return rc;
	}
	c.files = json_object();
	rc = crawl_all(&c, o, units, fws);
	if (!rc)
		rc = write_openapi(&c);
	if (!rc) {
		json_t *ids = json_array();
		for (int k = 0; k < o->ncampaigns; k++)
			json_array_append_new(ids, json_string(o->campaigns[k]));
		manifest = json_pack("{s:i,s:o,s:O}", "site", 1, "campaigns", ids, "files", c.files);
		text = manifest ? json_dumps(manifest, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		rc = text ? cc_site_write_hashed(&c.out, "site", "json", text, strlen(text), name,
						 sizeof(name), err) :
			    cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (!rc)
		rc = write_pages(&c, o->web_dir, name, units, fws, &st->pages);
	st->responses = c.responses;
	st->files = c.out.files;
	st->bytes = c.out.bytes;
	free(text);
	json_decref(manifest);
	json_decref(c.files);
	json_decref(units);
	json_decref(fws);
	cc_server_free(c.sv);
	return rc;
}
