/*
 * csirt_services.c - reading the bundled CSIRT services catalogue (see
 * csirt_services.h) with jansson into arena-owned structs.
 */
#include "csirt_services.h"

#include <jansson.h>
#include <string.h>

/* A text member copied into the arena ("" when absent and optional). */
static const char *text(struct cc_csirt_catalogue *c, json_t *o, const char *key,
			int optional, int *bad)
{
	json_t *v = json_object_get(o, key);
	const char *t;

	if (!json_is_string(v)) {
		*bad |= !optional;
		return "";
	}
	t = cc_arena_strdup(&c->arena, json_string_value(v));
	*bad |= !t;
	return t ? t : "";
}

static int service(struct cc_csirt_catalogue *c, json_t *js, const char *area,
		   struct cc_csirt_service *sv)
{
	json_t *fs = json_object_get(js, "functions");
	int bad = 0;

	sv->id = text(c, js, "id", 0, &bad);
	sv->name = text(c, js, "name", 0, &bad);
	sv->purpose = text(c, js, "purpose", 1, &bad);
	sv->outcome = text(c, js, "outcome", 1, &bad);
	sv->area = area;
	sv->nfunctions = (int)json_array_size(fs);
	sv->functions = cc_arena_array(&c->arena, (size_t)sv->nfunctions + 1, sizeof(*sv->functions));
	if (!sv->functions || !json_is_array(fs))
		return -1;
	for (int f = 0; f < sv->nfunctions; f++) {
		json_t *jf = json_array_get(fs, (size_t)f);
		struct cc_csirt_function *fn = &sv->functions[f];

		fn->id = text(c, jf, "id", 0, &bad);
		fn->name = text(c, jf, "name", 0, &bad);
		fn->purpose = text(c, jf, "purpose", 1, &bad);
		fn->outcome = text(c, jf, "outcome", 1, &bad);
	}
	c->nfunctions += sv->nfunctions;
	return bad ? -1 : 0;
}

static int areas(struct cc_csirt_catalogue *c, json_t *root)
{
	json_t *as = json_object_get(root, "areas");
	int bad = 0;

	c->nareas = (int)json_array_size(as);
	c->areas = cc_arena_array(&c->arena, (size_t)c->nareas + 1, sizeof(*c->areas));
	if (!c->areas || !json_is_array(as) || c->nareas == 0)
		return -1;
	for (int a = 0; a < c->nareas; a++) {
		json_t *ja = json_array_get(as, (size_t)a), *ss = json_object_get(ja, "services");
		struct cc_csirt_area *ar = &c->areas[a];

		ar->id = text(c, ja, "id", 0, &bad);
		ar->name = text(c, ja, "name", 0, &bad);
		ar->nservices = (int)json_array_size(ss);
		ar->services = cc_arena_array(&c->arena, (size_t)ar->nservices + 1,
					      sizeof(*ar->services));
		if (bad || !ar->services || !json_is_array(ss))
			return -1;
		for (int s = 0; s < ar->nservices; s++)
			if (service(c, json_array_get(ss, (size_t)s), ar->id, &ar->services[s]))
				return -1;
		c->nservices += ar->nservices;
	}
	return 0;
}

int cc_csirt_catalogue_load(struct cc_csirt_catalogue *c, const char *src,
			    struct cc_error *err)
{
	json_error_t jerr;
	json_t *root;
	int bad = 0;

	memset(c, 0, sizeof(*c));
	cc_arena_init(&c->arena);
	root = json_loads(src ? src : cc_csirt_services_json, 0, &jerr);
	if (!root)
		return cc_error_set(err, CC_EINPUT, "csirt-services", jerr.line, jerr.column,
				    "%s", jerr.text);
	c->name = text(c, root, "name", 0, &bad);
	c->version = text(c, root, "version", 1, &bad);
	c->source = text(c, root, "source", 1, &bad);
	c->attribution = text(c, root, "attribution", 1, &bad);
	c->licence = text(c, root, "licence", 1, &bad);
	if (!bad)
		bad = areas(c, root);
	json_decref(root);
	return bad ? cc_error_set(err, CC_EINPUT, "csirt-services", 0, 0,
				  "a catalogue has a name and areas, each with an id, a name and "
				  "services with ids, names and functions") : CC_OK;
}

void cc_csirt_catalogue_free(struct cc_csirt_catalogue *c)
{
	cc_arena_free(&c->arena);
	c->areas = NULL;
	c->nareas = c->nservices = c->nfunctions = 0;
}

const struct cc_csirt_service *cc_csirt_service_find(const struct cc_csirt_catalogue *c,
						     const char *id)
{
	for (int a = 0; a < c->nareas; a++)
		for (int s = 0; s < c->areas[a].nservices; s++)
			if (strcmp(c->areas[a].services[s].id, id) == 0)
				return &c->areas[a].services[s];
	return NULL;
}
