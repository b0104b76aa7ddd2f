/*
 * cmd_check.c - `cybercap check FRAMEWORK`: validates a framework and
 * prints its tree with each node's share of its parent's weight and its
 * max points, then how many questions of each type it asks, and (format
 * 1.1) its scales, stage names and targets.
 */
#include "cli.h"

#include "../core/framework_i18n.h"
#include "../format/framework_yaml.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap check FRAMEWORK\n\n"
	"Validates FRAMEWORK (exit 2 with FILE:LINE:COL: error: ... if it is not\n"
	"valid) and prints its tree: each node with its kind, weight, share of\n"
	"its parent's weight and max points, then the questions counted by type,\n"
	"the rating scales with their levels, the stage names of stage groups\n"
	"and the targets with the minimums they set.\n";

static void print_kind(const struct cc_node *n, char *buf, size_t size)
{
	if (n->kind == CC_GROUP)
		snprintf(buf, size, "group/%s", cc_agg_name(n->agg));
	else if (n->kind == CC_INDICATOR)
		snprintf(buf, size, "indicator");
	else if (n->qtype == CC_Q_RATING)
		snprintf(buf, size, "rating:%.20s", n->rating_scale->id);
	else
		snprintf(buf, size, "%s", cc_qtype_name(n->qtype));
}

static int print_names(const char *label, const char *const *names, int n)
{
	int bad = printf("%s", label) < 0;

	for (int i = 0; i < n; i++)
		bad |= printf("%s%d %s", i ? ", " : "", i, names[i]) < 0;
	return bad | (printf("\n") < 0);
}

static int print_scales_and_stages(const struct cc_framework *fw)
{
	int bad = 0;

	for (int s = 0; s < fw->nscales; s++) {
		const struct cc_scale *sc = &fw->scales[s];
		bad |= printf("%sscale %s (%s):", s ? "" : "\n", sc->id, sc->name) < 0;
		for (int l = 0; l < sc->nlevels; l++)
			bad |= printf("%s %d %s", l ? ";" : "", sc->levels[l].value,
				      sc->levels[l].name) < 0;
		bad |= printf("\n") < 0;
	}
	if (fw->nstage_names)
		bad |= print_names("\nstage names: ", fw->stage_names, fw->nstage_names);
	for (int i = 0; i < fw->nnodes; i++) {
		const struct cc_node *n = &fw->nodes[i];
		char label[260];
		if (!n->own_stage_names)
			continue;
		snprintf(label, sizeof(label), "stage names of %.200s: ", n->id);
		bad |= print_names(label, n->stage_names, n->nstage_names);
	}
	return bad;
}

static int print_targets(const struct cc_framework *fw)
{
	int bad = 0;

	for (int t = 0; t < fw->ntargets; t++) {
		const struct cc_target *tg = &fw->targets[t];
		int covered = 0;

		for (int i = 0; i < fw->nnodes; i++)
			covered += !isnan(tg->min[i]);
		bad |= printf("%starget %s (%s): %d nodes", t ? "" : "\n", tg->id,
			      tg->name, covered) < 0;
		if (tg->has_default && tg->def_stage)
			bad |= printf(", default %s", tg->def_stage) < 0;
		else if (tg->has_default)
			bad |= printf(", default %g", tg->def) < 0;
		for (int r = 0; r < tg->nreqs; r++)
			bad |= printf("%s %s >= %g", r ? "," : "; require", tg->reqs[r].node_id,
				      tg->min[tg->reqs[r].node]) < 0;
		bad |= printf("\n") < 0;
	}
	return bad;
}

static int print_tree(const struct cc_framework *fw)
{
	int bad = 0, width = 4;

	for (int i = 0; i < fw->nnodes; i++) {
		int w = 2 * fw->nodes[i].depth + (int)strlen(fw->nodes[i].id);
		if (w > width)
			width = w < 150 ? w : 150;
	}
	bad |= printf("%-*s %-16s %7s %7s %9s\n", width, "node", "kind", "weight",
		      "share", "max") < 0;
	for (int i = 0; i < fw->nnodes; i++) {
		const struct cc_node *n = &fw->nodes[i];
		double sum = 0, share = 100;
		char kind[32], id[200];

		if (n->parent >= 0) {
			const struct cc_node *p = &fw->nodes[n->parent];
			for (int c = 0; c < p->nchildren; c++)
				sum += fw->nodes[p->children[c]].weight;
			share = sum > 0 ? 100 * n->weight / sum : 0;
		}
		print_kind(n, kind, sizeof(kind));
		snprintf(id, sizeof(id), "%*s%s", 2 * n->depth, "", n->id);
		bad |= printf("%-*s %-16s %7g %6.1f%% %9.*f%s%s\n", width, id, kind,
			      n->weight, share, fw->precision, n->max,
			      n->has_when ? "  when " : "",
			      n->has_when ? n->when.q_id : "") < 0;
	}
	return bad;
}

int cmd_check(int argc, char **argv)
{
	struct cc_framework fw;
	struct cc_error err;
	int types[6] = {0}, groups = 0, indicators = 0, evidence = 0, bad = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("check", "needs exactly one FRAMEWORK");
	cc_error_clear(&err);
	if (cc_framework_load(&fw, argv[1], &err))
		return cli_report(&err);
	for (int i = 0; i < fw.nnodes; i++) {
		const struct cc_node *n = &fw.nodes[i];
		if (n->kind == CC_GROUP)
			groups++;
		else if (n->kind == CC_INDICATOR)
			indicators++;
		else
			types[n->qtype]++;
		evidence += n->kind == CC_QUESTION && n->evidence == CC_EVIDENCE_REQUIRED;
	}
	bad |= printf("%s: %s%s%s\n", fw.id, fw.title, fw.version ? ", version " : "",
		      fw.version ? fw.version : "") < 0;
	bad |= printf("scale %g, precision %d, ranking %s, missing %s\n", fw.scale,
		      fw.precision, fw.ranking == CC_RANK_DENSE ? "dense" : "competition",
		      fw.missing == CC_MISSING_ZERO ? "zero" : "exclude") < 0;
	for (int l = 0; l < fw.nlevels; l++)
		bad |= printf("%s %s (%s) from %g", l ? ";" : "levels:", fw.levels[l].id,
			      fw.levels[l].name, fw.levels[l].min) < 0;
	bad |= printf("%s\n", fw.nlevels ? "" : "levels: none") < 0;
	bad |= print_tree(&fw);
	bad |= printf("\n%d questions: %d yes_no, %d choice, %d multi, %d number, %d text "
		      "(%d need evidence); %d indicators; %d groups\n",
		      fw.nleaves - indicators, types[CC_Q_YES_NO], types[CC_Q_CHOICE],
		      types[CC_Q_MULTI], types[CC_Q_NUMBER], types[CC_Q_TEXT], evidence,
		      indicators, groups) < 0;
	if (types[CC_Q_RATING])
		bad |= printf("%d rating questions\n", types[CC_Q_RATING]) < 0;
	bad |= print_scales_and_stages(&fw);
	bad |= print_targets(&fw);
	if (fw.nlangs) {
		bad |= printf("\ntranslations:") < 0;
		for (int l = 0; l < fw.nlangs; l++)
			bad |= printf(" %s", fw.langs[l].tag) < 0;
		bad |= printf("\n") < 0;
	}
	bad |= printf("%s is valid.\n", argv[1]) < 0;
	cc_framework_free(&fw);
	if (bad || fflush(stdout))
		return cli_write_failed();
	return CLI_OK;
}
