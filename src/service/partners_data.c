/*
 * partners_data.c - the partnership reference data (see partners.h): the
 * themes taxonomy and the group membership over time, read from
 * the CSV files of data/partnerships into the store, and the groups a unit is in on
 * a year's lists (the current lists corrected by those spans).
 */
#include "partners.h"

#include "../core/date.h"
#include "../core/match.h"
#include "../format/csv.h"
#include "../format/fileio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_MAX (4u << 20)
#define MAX_ROWS 2000

struct rows {
	char *text;
	struct cc_csv csv;
	int col[5];
};

static int open_rows(struct rows *r, const char *path, const char *const *cols, int ncols,
		     struct cc_error *err)
{
	size_t len;
	int rc = cc_read_file(path, DATA_MAX, &r->text, &len, err);

	if (rc)
		return rc;
	rc = cc_csv_open(&r->csv, path, r->text, len, err);
	if (!rc && (rc = cc_csv_next(&r->csv, err)) == 1)
		rc = CC_OK;
	else if (!rc)
		rc = cc_error_set(err, CC_EINPUT, path, 1, 0, "no header row");
	for (int i = 0; !rc && i < ncols; i++)
		if ((r->col[i] = cc_csv_find(&r->csv, cols[i])) < 0)
			rc = cc_error_set(err, CC_EINPUT, path, 1, 0, "no column %s", cols[i]);
	return rc;
}

static char *field(struct rows *r, int i)
{
	const struct cc_csv_field *f = &r->csv.fields[r->col[i]];

	return r->col[i] < r->csv.nfields && f->len ? strndup(f->s, f->len) : NULL;
}

/* "a b c" -> ["a","b","c"] */
static char *nodes_json(const char *words)
{
	json_t *a = json_array();
	char *copy = strdup(words ? words : ""), *save = NULL, *out;

	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		json_array_append_new(a, json_string(w));
	out = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	free(copy);
	return out;
}

static int load_themes(struct cc_store *s, const char *path, struct cc_error *err)
{
	static const char *const cols[] = {"id", "parent", "name", "nodes"};
	struct cc_theme_rec *t = calloc(MAX_ROWS, sizeof(*t));
	char **owned = calloc(MAX_ROWS * 4, sizeof(char *));
	struct rows r = {0};
	int rc = t && owned ? open_rows(&r, path, cols, 4, err) : CC_ENOMEM, n = 0;

	while (!rc && n < MAX_ROWS && (rc = cc_csv_next(&r.csv, err)) == 1) {
		char *words = field(&r, 3);
		owned[4 * n] = field(&r, 0);
		owned[4 * n + 1] = field(&r, 1);
		owned[4 * n + 2] = field(&r, 2);
		owned[4 * n + 3] = nodes_json(words);
		free(words);
		t[n] = (struct cc_theme_rec){owned[4 * n], owned[4 * n + 1], owned[4 * n + 2],
					     owned[4 * n + 3]};
		rc = t[n].id && t[n].name ? CC_OK :
		     cc_error_set(err, CC_EINPUT, path, (int)r.csv.record_line, 0,
				  "a theme needs an id and a name");
		n++;
	}
	if (rc == 0)
		rc = cc_store_set_themes(s, t, n, err);
	for (int i = 0; owned && i < 4 * n; i++)
		free(owned[i]);
	free(owned);
	free(t);
	if (r.text)
		cc_csv_close(&r.csv);
	free(r.text);
	return rc;
}

static int load_periods(struct cc_store *s, const char *path, struct cc_error *err)
{
	static const char *const cols[] = {"group", "unit", "from", "to"};
	struct rows r = {0};
	int rc = open_rows(&r, path, cols, 4, err), d;

	while (!rc && (rc = cc_csv_next(&r.csv, err)) == 1) {
		char *v[4];
		for (int i = 0; i < 4; i++)
			v[i] = field(&r, i);
		if (!v[0] || !v[1] || (v[2] && !cc_date_valid(v[2], &d)) ||
		    (v[3] && !cc_date_valid(v[3], &d)))
			rc = cc_error_set(err, CC_EINPUT, path, (int)r.csv.record_line, 0,
					  "a row needs a group, a unit and dates YYYY-MM-DD");
		else if (cc_store_unit_exists(s, v[1]))
			rc = cc_store_put_group_period(s, &(struct cc_period_rec){v[0], v[1], v[2],
									     v[3]}, err);
		for (int i = 0; i < 4; i++)
			free(v[i]);
	}
	if (r.text)
		cc_csv_close(&r.csv);
	free(r.text);
	return rc;
}

int cc_partners_load_data(struct cc_store *s, const char *dir, struct cc_error *err)
{
	char path[4300];
	int rc = cc_store_begin(s, err);

	snprintf(path, sizeof(path), "%s/themes.csv", dir);
	if (!rc)
		rc = load_themes(s, path, err);
	snprintf(path, sizeof(path), "%s/group-periods.csv", dir);
	if (!rc)
		rc = load_periods(s, path, err);
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	return rc;
}

bool cc__ptheme_ok(void *store, const char *id)
{
	struct cc_list l;
	bool ok = false;

	if (cc_store_themes(store, &l, NULL))
		return false;
	for (int i = 0; i < l.n && !ok; i++)
		ok = strcmp(((struct cc_theme_rec *)l.items)[i].id, id) == 0;
	cc_list_free(&l);
	return ok;
}

int cc_partners_themes_json(struct cc_store *s, json_t **out, struct cc_error *err)
{
	struct cc_list l;
	int rc = cc_store_themes(s, &l, err);

	if (rc)
		return rc;
	*out = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct cc_theme_rec *t = &((struct cc_theme_rec *)l.items)[i];
		json_array_append_new(*out, json_pack("{s:s,s:s?,s:s,s:o}", "id", t->id, "parent",
						      t->parent, "name", t->name, "nodes",
						      json_loads(t->nodes, 0, NULL)));
	}
	cc_list_free(&l);
	return CC_OK;
}

/* The spans of (group, unit) in the periods list into s[], n of them. */
static int spans_of(const struct cc_list *periods, const char *group, const char *unit,
		    struct cc_group_span *s, int max)
{
	int n = 0, d;

	for (int i = 0; i < periods->n && n < max; i++) {
		const struct cc_period_rec *p = &((struct cc_period_rec *)periods->items)[i];
		if (strcmp(p->group, group) || strcmp(p->unit, unit))
			continue;
		s[n].from = p->from && cc_date_valid(p->from, &d) ? d : CC_SPAN_OPEN_FROM;
		s[n].to = p->to && cc_date_valid(p->to, &d) ? d : CC_SPAN_OPEN_TO;
		n++;
	}
	return n;
}

int cc__punit_in_group(const struct cc_snapshot *snap, const struct cc_list *periods,
		       const char *unit, const struct cc_group_rec *g, int year)
{
	struct cc_group_span sp[16];
	int n = spans_of(periods, g->id, unit, sp, 16);

	return cc_group_member_in(sp, n, cc_snapshot_in_group(snap, unit, g), year);
}

int cc_partners_unit_groups(struct cc_store *s, const struct cc_snapshot *snap,
			    const char *unit, int year, json_t **out, struct cc_error *err)
{
	struct cc_list periods;
	int rc = cc_store_group_periods(s, &periods, err);

	if (rc)
		return rc;
	*out = json_array();
	for (int g = 0; g < snap->groups.n; g++) {
		const struct cc_group_rec *gr = &((struct cc_group_rec *)snap->groups.items)[g];
		if (cc__punit_in_group(snap, &periods, unit, gr, year))
			json_array_append_new(*out, json_string(gr->id));
	}
	cc_list_free(&periods);
	return CC_OK;
}
