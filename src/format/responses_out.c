/*
 * responses_out.c - answers to CSV (see responses_out.h).
 */
#include "responses_out.h"

#include "results_out.h"

#include <stdlib.h>
#include <string.h>

void cc_answer_format(const struct cc_answers *a, int leaf,
		      const struct cc_answer *ans, char *buf, size_t size)
{
	const struct cc_node *n = &a->fw->nodes[a->fw->leaves[leaf]];
	size_t used = 0;

	if (n->kind == CC_INDICATOR || n->qtype == CC_Q_NUMBER) {
		/* The shortest form that reads back to the same double. */
		for (int digits = 10; digits <= 17; digits++) {
			snprintf(buf, size, "%.*g", digits, ans->num == 0 ? 0 : ans->num);
			if (strtod(buf, NULL) == ans->num)
				break;
		}
		return;
	}
	switch (n->qtype) {
	case CC_Q_YES_NO:
		snprintf(buf, size, "%s", ans->bits == 1 ? "yes" :
			 ans->bits == 2 ? "partial" : "no");
		break;
	case CC_Q_CHOICE:
		snprintf(buf, size, "%s", n->options[ans->bits].id);
		break;
	case CC_Q_RATING:
		snprintf(buf, size, "%d", n->rating_scale->levels[ans->bits].value);
		break;
	case CC_Q_MULTI:
		buf[0] = '\0';
		for (int o = 0; o < n->noptions && used < size; o++)
			if (ans->bits & (1ull << o))
				used += (size_t)snprintf(buf + used, size - used, "%s%s",
							 used ? "|" : "", n->options[o].id);
		break;
	default:
		snprintf(buf, size, "%s", a->texts[ans->bits]);
		break;
	}
}

int cc_responses_write_csv(FILE *out, const struct cc_answers *a)
{
	const struct cc_framework *fw = a->fw;
	char buf[8192];

	if (fputs("unit,question,answer\n", out) < 0)
		return CC_EIO;
	for (int u = 0; u < a->nunits; u++) {
		for (int l = 0; l < fw->nleaves; l++) {
			const struct cc_answer *ans = cc_answers_cell(a, u, l);
			const struct cc_node *n = &fw->nodes[fw->leaves[l]];
			const char *text = buf;

			if (!cc_answer_present(ans))
				continue;
			if (n->kind == CC_QUESTION && n->qtype == CC_Q_TEXT)
				text = a->texts[ans->bits];  /* any length */
			else
				cc_answer_format(a, l, ans, buf, sizeof(buf));
			if (cc_csv_write_field(out, a->units[u]) || fputc(',', out) == EOF ||
			    cc_csv_write_field(out, n->id) ||
			    fputc(',', out) == EOF || cc_csv_write_field(out, text) ||
			    fputc('\n', out) == EOF)
				return CC_EIO;
		}
	}
	return CC_OK;
}
