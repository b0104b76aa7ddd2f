/*
 * http_framework.c - GET /api/v1/frameworks/{id}: one framework's tree with
 * everything a questionnaire, a browser or a script needs to show it:
 * questions, options, guidance, weights and max points, and (format 1.1)
 * the rating scales, stage names and targets. ?lang=TAG gives the
 * framework's translated texts where its `translations` have them, its own
 * text elsewhere (without ?lang=, the language Accept-Language asks for);
 * ids and numbers never change with the language.
 * ?version=V gives that version of the id (a campaign's framework_version);
 * without it, the latest (the highest version).
 */
#include "router.h"

#include "../core/framework_i18n.h"

#include <math.h>
#include <string.h>

static const char *const norm_names[] = {"minmax", "goalposts", "none"};
static const char *const evidence_names[] = {"optional", "required", "none"};

struct view {
	const struct cc_framework *fw;
	int lang;                   /* -1: the file's own texts */
	int *untranslated;          /* texts given in the file's own language */
};

static const char *tr(const struct view *v, int kind, int index, int sub,
		      const char *own)
{
	const char *t = cc_fw_text(v->fw, v->lang, kind, index, sub);

	if (!t && v->lang >= 0 && own && *own)
		(*v->untranslated)++;
	return t ? t : own;
}

static json_t *stage_names_json(const struct view *v, const char *const *names,
				int n, int top)
{
	json_t *list = json_array();

	for (int k = 0; k < n; k++)
		json_array_append_new(list, json_string(top ?
			tr(v, CC_TR_STAGE_NAME, k, 0, names[k]) : names[k]));
	return list;
}

static void leaf_json(const struct view *v, const struct cc_node *n, int i,
		      json_t *o)
{
	if (n->kind == CC_QUESTION) {
		json_object_set_new(o, "type", json_string(cc_qtype_name(n->qtype)));
		json_object_set_new(o, "evidence", json_string(evidence_names[n->evidence]));
	}
	if (n->kind == CC_QUESTION && n->qtype == CC_Q_RATING)
		json_object_set_new(o, "scale", json_string(n->rating_scale->id));
	if (n->has_partial)
		json_object_set_new(o, "partial", json_real(n->partial));
	if (n->noptions) {
		json_t *opts = json_array();
		for (int k = 0; k < n->noptions; k++)
			json_array_append_new(opts, json_pack("{s:s,s:s,s:f}", "id", n->options[k].id,
				"label", tr(v, CC_TR_OPTION, i, k, n->options[k].label),
				"value", n->options[k].value));
		json_object_set_new(o, "options", opts);
	}
	if (n->nthresholds) {
		json_t *t = json_array();
		for (int k = 0; k < n->nthresholds; k++)
			json_array_append_new(t, json_pack("{s:f,s:f}", "min", n->thresholds[k].min,
				"value", n->thresholds[k].value));
		json_object_set_new(o, "thresholds", t);
	}
	if (n->has_goalposts)
		json_object_set_new(o, "goalposts", json_pack("[f,f]", n->lo, n->hi));
	if (n->kind == CC_INDICATOR) {
		json_object_set_new(o, "indicator", json_true());
		json_object_set_new(o, "normalise", json_string(norm_names[n->norm]));
		json_object_set_new(o, "direction", json_integer(n->direction));
	}
}

static json_t *node_json(const struct view *v, int i)
{
	const struct cc_framework *fw = v->fw;
	const struct cc_node *n = &fw->nodes[i];
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(n->id));
	if (n->name)
		json_object_set_new(o, "name", json_string(tr(v, CC_TR_NAME, i, 0, n->name)));
	if (n->question)
		json_object_set_new(o, "question",
				    json_string(tr(v, CC_TR_QUESTION, i, 0, n->question)));
	json_object_set_new(o, "weight", json_real(n->weight));
	json_object_set_new(o, "max", cc_json_num(n->max));
	if (n->guidance)
		json_object_set_new(o, "guidance",
				    json_string(tr(v, CC_TR_GUIDANCE, i, 0, n->guidance)));
	leaf_json(v, n, i, o);
	if (n->has_when) {
		json_object_set_new(o, "when", json_pack("{s:s,s:s}", "q", n->when.q_id, "is", n->when.is));
		json_object_set_new(o, "na", json_string(n->na == CC_NA_ZERO ? "zero" : "exclude"));
	}
	if (n->stage)
		json_object_set_new(o, "stage", json_integer(n->stage));
	if (n->kind == CC_GROUP) {
		json_t *kids = json_array();
		json_object_set_new(o, "aggregate", json_string(cc_agg_name(n->agg)));
		if (n->agg == CC_AGG_STAGE)
			json_object_set_new(o, "stage_names",
					    stage_names_json(v, n->stage_names, n->nstage_names,
							     !n->own_stage_names));
		for (int c = 0; c < n->nchildren; c++)
			json_array_append_new(kids, node_json(v, n->children[c]));
		json_object_set_new(o, "children", kids);
	}
	return o;
}

static json_t *scales_json(const struct view *v)
{
	json_t *list = json_array();

	for (int s = 0; s < v->fw->nscales; s++) {
		const struct cc_scale *sc = &v->fw->scales[s];
		json_t *levels = json_array();

		for (int l = 0; l < sc->nlevels; l++) {
			const char *d = tr(v, CC_TR_SCALE_LEVEL_DESC, s, l, sc->levels[l].description);
			json_array_append_new(levels, json_pack("{s:i,s:s,s:s?}",
				"value", sc->levels[l].value,
				"name", tr(v, CC_TR_SCALE_LEVEL, s, l, sc->levels[l].name),
				"description", d));
		}
		json_array_append_new(list, json_pack("{s:s,s:s,s:o}", "id", sc->id,
			"name", tr(v, CC_TR_SCALE_NAME, s, 0, sc->name), "levels", levels));
	}
	return list;
}

static json_t *targets_json(const struct view *v)
{
	const struct cc_framework *fw = v->fw;
	json_t *list = json_array();

	for (int t = 0; t < fw->ntargets; t++) {
		const struct cc_target *tg = &fw->targets[t];
		json_t *req = json_object(), *def = json_null();

		for (int r = 0; r < tg->nreqs; r++)
			json_object_set_new(req, tg->reqs[r].node_id,
					    cc_json_num(tg->min[tg->reqs[r].node]));
		if (tg->has_default && !tg->def_stage)
			def = cc_json_num(tg->def);
		else if (tg->has_default)
			def = json_string(tg->def_stage);
		json_array_append_new(list, json_pack("{s:s,s:s,s:o,s:o}", "id", tg->id,
			"name", tr(v, CC_TR_TARGET, t, 0, tg->name), "default", def,
			"require", req));
	}
	return list;
}

int cc_h_framework(struct cc_req *req, struct cc_resp *resp)
{
	const char *version = cc_req_query(req, "version");
	const struct cc_framework *fw = version ?
		cc_snapshot_framework_version(req->snap, req->params[0], version) :
		cc_snapshot_framework(req->snap, req->params[0]);
	int untranslated = 0, ntags;
	struct view v = {fw, -1, &untranslated};
	const char *tags[CC_LANG_MAX];
	json_t *o, *levels;

	if (!fw && version && cc_snapshot_framework(req->snap, req->params[0]))
		return cc_resp_error(resp, 404, "not_found", "version",
				     "framework %s has no version \"%s\"", req->params[0], version);
	if (!fw)
		return cc_resp_error(resp, 404, "not_found", NULL, "no framework \"%s\"",
				     req->params[0]);
	ntags = cc_fw_lang_tags(fw, tags);
	if (!cc_req_lang(req, resp, tags, ntags, &v.lang))
		return CC_OK;
	o = node_json(&v, 0);
	json_object_del(o, "weight");
	json_object_del(o, "name");
	json_object_set_new(o, "title", json_string(tr(&v, CC_TR_TITLE, 0, 0, fw->title)));
	json_object_set_new(o, "version", json_string(fw->version ? fw->version : ""));
	json_object_set_new(o, "format", json_string(fw->format > 1 ? "1.1" : "1"));
	json_object_set_new(o, "scale", json_real(fw->scale));
	json_object_set_new(o, "precision", json_integer(fw->precision));
	json_object_set_new(o, "ranking", json_string(fw->ranking == CC_RANK_DENSE ? "dense" : "competition"));
	json_object_set_new(o, "missing", json_string(fw->missing == CC_MISSING_ZERO ? "zero" : "exclude"));
	levels = json_array();
	for (int l = 0; l < fw->nlevels; l++)
		json_array_append_new(levels, json_pack("{s:s,s:s,s:f}", "id", fw->levels[l].id,
			"name", tr(&v, CC_TR_LEVEL, l, 0, fw->levels[l].name),
			"min", fw->levels[l].min));
	json_object_set_new(o, "levels", levels);
	json_object_set_new(o, "scales", scales_json(&v));
	json_object_set_new(o, "stage_names", stage_names_json(&v, fw->stage_names,
							       fw->nstage_names, 1));
	json_object_set_new(o, "targets", targets_json(&v));
	/* which language the texts are in: lang, but for these many */
	cc_json_lang(o, tags, ntags, v.lang, untranslated);
	return cc_resp_json(resp, 200, o);
}
