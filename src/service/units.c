/*
 * units.c - units and their groups into the store (see service.h).
 *
 * Groups are derived from the units file's columns: itu:<region>,
 * m49:<region>, and the UN groupings ldc, lldc and sids. Ids are slugs of
 * the names ("Asia-Pacific" -> itu:asia-pacific).
 */
#include "service.h"

#include "../format/units_csv.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void slug(const char *prefix, const char *name, char *out, size_t size)
{
	size_t n = (size_t)snprintf(out, size, "%s", prefix);

	for (; *name && n + 1 < size; name++) {
		unsigned char c = (unsigned char)*name;
		if (isalnum(c))
			out[n++] = (char)tolower(c);
		else if (n && out[n - 1] != '-' && out[n - 1] != ':')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

static int fictional(const char *id)
{
	if (strlen(id) != 3 || !isupper((unsigned char)id[0]) ||
	    !isupper((unsigned char)id[1]) || !isupper((unsigned char)id[2]))
		return 0;
	return (id[0] == 'A' && id[1] == 'A') || id[0] == 'X' ||
	       (id[0] == 'Q' && id[1] >= 'M') || (id[0] == 'Z' && id[1] == 'Z');
}

static const char *cell(const struct cc_units *u, int row, const char *col)
{
	const char *v = cc_units_cell(u, row, cc_units_column(u, col));
	return v ? v : "";
}

static int add_groups(struct cc_store *s, const struct cc_units *u, int row,
		      const char *id, struct cc_error *err)
{
	static const struct { const char *col, *name; } un[] = {
		{"ldc", "Least developed countries"},
		{"lldc", "Landlocked developing countries"},
		{"sids", "Small island developing states"},
	};
	const char *itu = cell(u, row, "itu_region"), *m49 = cell(u, row, "m49_region");
	char gid[160];
	int rc = CC_OK;

	if (*itu) {
		slug("itu:", itu, gid, sizeof(gid));
		rc = cc_store_put_group(s, gid, itu, "itu_region", err);
		if (!rc)
			rc = cc_store_add_member(s, gid, id, err);
	}
	if (!rc && *m49) {
		slug("m49:", m49, gid, sizeof(gid));
		rc = cc_store_put_group(s, gid, m49, "m49_region", err);
		if (!rc)
			rc = cc_store_add_member(s, gid, id, err);
	}
	for (size_t g = 0; !rc && g < sizeof(un) / sizeof(un[0]); g++) {
		if (strcmp(cell(u, row, un[g].col), "yes") != 0)
			continue;
		rc = cc_store_put_group(s, un[g].col, un[g].name, "un", err);
		if (!rc)
			rc = cc_store_add_member(s, un[g].col, id, err);
	}
	return rc;
}

int cc_service_add_units(struct cc_store *s, const char *path, int *added,
			 struct cc_error *err)
{
	static const char *const name_cols[CC_NLANGS] = {
		"name_en", "name_fr", "name_es", "name_ru", "name_zh", "name_ar"
	};
	struct cc_units u;
	int rc = cc_units_load(&u, path, err);

	*added = 0;
	if (rc)
		return rc;
	rc = cc_store_begin(s, err);
	for (int row = 0; !rc && row < u.nrows; row++) {
		struct cc_unit_rec rec = {0};

		rec.id = cc_units_cell(&u, row, u.id_col);
		rec.m49 = cell(&u, row, "m49");
		rec.iso2 = cell(&u, row, "iso2");
		for (int l = 0; l < CC_NLANGS; l++)
			rec.names[l] = cell(&u, row, name_cols[l]);
		if (!*rec.names[0])
			rec.names[0] = cell(&u, row, "name");
		rec.fictional = fictional(rec.id);
		if (!*rec.id) {
			rc = cc_error_set(err, CC_EINPUT, path, row + 2, 0, "a unit without an id");
			break;
		}
		rc = cc_store_put_unit(s, &rec, err);
		if (!rc)
			rc = add_groups(s, &u, row, rec.id, err);
		if (!rc)
			(*added)++;
	}
	if (!rc)
		rc = cc_store_commit(s, err);
	if (rc)
		cc_store_rollback(s);
	cc_units_free(&u);
	return rc;
}
