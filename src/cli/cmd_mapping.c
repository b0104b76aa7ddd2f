/*
 * cmd_mapping.c - `cybercap mapping check MAPPING SOURCE TARGET` (what of
 * the target each target node is covered by) and `cybercap mapping apply
 * MAPPING SOURCE TARGET RESPONSES` (answers to the target pre-filled from
 * answers to the source), per ../shared/spec/mapping-format.md. Output is
 * written only when every input is valid.
 */
#include "cli.h"

#include "../format/framework_yaml.h"
#include "../format/mapping_yaml.h"
#include "../format/responses_csv.h"
#include "../format/results_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: cybercap mapping check MAPPING SOURCE_FRAMEWORK TARGET_FRAMEWORK\n"
	"       cybercap mapping apply MAPPING SOURCE_FRAMEWORK TARGET_FRAMEWORK RESPONSES\n\n"
	"check validates the crosswalk MAPPING against both frameworks and prints,\n"
	"per node of the target (depth first, the root left out):\n"
	"  target,relation,sources\n"
	"the strongest relation any mapping gives it and the source nodes with it.\n"
	"apply reads answers to the source framework and prints answers to the\n"
	"target that the equal and superset mappings allow:\n"
	"  unit,question,answer,source\n";

static int load(char **argv, struct cc_bound_mapping *in, struct cc_error *err)
{
	int rc;

	in->loaded = 0;
	if ((rc = cc_mapping_load(&in->m, argv[0], err)))
		return rc;
	in->loaded = 1;
	if ((rc = cc_framework_load(&in->src, argv[1], err)))
		return rc;
	in->loaded = 2;
	if ((rc = cc_framework_load(&in->dst, argv[2], err)))
		return rc;
	in->loaded = 3;
	return cc_mapping_bind(&in->m, &in->src, &in->dst, err);
}

static int print_check(const struct cc_bound_mapping *in)
{
	int bad = fputs("target,relation,sources\n", stdout) == EOF;
	int *src = malloc(((size_t)in->m.npairs + 1) * sizeof(int));

	if (!src)
		return 1;
	for (int t = 1; t < in->dst.nnodes && !bad; t++) {
		int n = cc_mapping_sources(&in->m, t, src, in->m.npairs);
		char buf[65536];
		size_t used = 0;

		buf[0] = '\0';
		for (int k = 0; k < n && used < sizeof(buf); k++)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", k ? "|" : "",
						 in->m.pairs[src[k]].source_id);
		bad |= cc_csv_write_field(stdout, in->dst.nodes[t].id) ||
		       printf(",%s,", n ? cc_relation_name(in->m.pairs[src[0]].relation) : "") < 0 ||
		       cc_csv_write_field(stdout, buf) || fputc('\n', stdout) == EOF;
	}
	free(src);
	return bad;
}

static int print_apply(const struct cc_bound_mapping *in, const struct cc_answers *a,
		       const struct cc_prefill *rows, int n)
{
	int bad = fputs("unit,question,answer,source\n", stdout) == EOF;

	for (int r = 0; r < n && !bad; r++) {
		char src[65536];
		size_t used = (size_t)snprintf(src, sizeof(src), "mapped:");

		for (int k = 0; k < rows[r].npairs && used < sizeof(src); k++)
			used += (size_t)snprintf(src + used, sizeof(src) - used, "%s%s", k ? "|" : "",
						 in->m.pairs[rows[r].pairs[k]].source_id);
		bad |= cc_csv_write_field(stdout, a->units[rows[r].unit]) || fputc(',', stdout) == EOF ||
		       cc_csv_write_field(stdout, in->dst.nodes[rows[r].question].id) ||
		       fputc(',', stdout) == EOF || cc_csv_write_field(stdout, rows[r].answer) ||
		       fputc(',', stdout) == EOF || cc_csv_write_field(stdout, src) ||
		       fputc('\n', stdout) == EOF;
	}
	return bad;
}

int cmd_mapping(int argc, char **argv)
{
	struct cc_bound_mapping in;
	struct cc_error err;
	int apply, bad, rc;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	apply = argc == 6 && strcmp(argv[1], "apply") == 0;
	if (!apply && !(argc == 5 && strcmp(argv[1], "check") == 0))
		return cli_usage("mapping", "usage: cybercap mapping check|apply MAPPING SOURCE TARGET [RESPONSES]");
	cc_error_clear(&err);
	if ((rc = load(argv + 2, &in, &err))) {
		cc_bound_mapping_free(&in);
		return cli_report(&err);
	}
	if (!apply) {
		bad = print_check(&in);
	} else {
		struct cc_answers a;
		struct cc_prefill *rows = NULL;
		int n = 0;

		if ((rc = cc_responses_load(&a, &in.src, argv[5], &err))) {
			cc_bound_mapping_free(&in);
			return cli_report(&err);
		}
		rc = cc_mapping_apply(&in.m, &in.src, &in.dst, &a, &rows, &n, &err);
		bad = rc ? 0 : print_apply(&in, &a, rows, n);
		cc_prefill_free(rows, n);
		cc_answers_free(&a);
		if (rc) {
			cc_bound_mapping_free(&in);
			return cli_report(&err);
		}
	}
	cc_bound_mapping_free(&in);
	if (bad || fflush(stdout))
		return cli_write_failed();
	return CLI_OK;
}
