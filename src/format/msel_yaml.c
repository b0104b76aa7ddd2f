/*
 * msel_yaml.c - a scenario text with new injects (see msel.h,
 * cc_msel_splice). The text is kept as it was written (comments,
 * objectives, teams, challenges) except the span of its top-level
 * `injects` key and value, which is replaced by the injects written
 * anew; a text without the key gets it at its end.
 *
 * Values are written as YAML double-quoted scalars (escaped, so that any
 * text survives), a multi-line content as a literal block when it can be
 * one exactly. The caller parses the result again with the scenario
 * reader: that, not this file, is what says the result is a scenario.
 */
#include "msel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* The length of the UTF-8 sequence at p (valid: the readers checked it)
 * and its code point. */
static int decode(const unsigned char *p, unsigned *cp)
{
	int n = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;

	*cp = n == 1 ? *p : *p & (0x3f >> (n - 1));
	for (int i = 1; i < n && p[i]; i++)
		*cp = (*cp << 6) | (p[i] & 0x3f);
	return n;
}

/* What YAML lets a stream hold as it is (its c-printable, less the byte
 * order mark, which a reader may take for an encoding mark). */
static bool printable(unsigned cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0x7e) || cp == 0x85 ||
	       (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp != 0xfeff) ||
	       (cp >= 0x10000 && cp <= 0x10ffff);
}

static void put_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp;
		int n = decode(p, &cp);
		switch (cp) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (!printable(cp) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
				fprintf(f, cp > 0xffff ? "\\U%08x" : "\\u%04x", cp);
			else
				fwrite(p, 1, (size_t)n, f);
		}
		p += n;
	}
	fputc('"', f);
}

/* A literal block gives s back exactly when every line is printable
 * text, the first line does not start with a space, and no line ends in
 * white space that a reader could take for indentation. */
static bool literal_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!strchr(s, '\n') || *p == ' ' || *p == '\n')
		return false;
	while (*p) {
		unsigned cp;
		int n = decode(p, &cp);
		/* line breaks other than LF would be read as breaks too */
		if ((cp < 0x20 && cp != '\n') || !printable(cp) || cp == 0x85 || cp == 0x2028 ||
		    cp == 0x2029)
			return false;
		if (cp == ' ' && (p[1] == '\n' || p[1] == '\0'))
			return false;
		p += n;
	}
	return true;
}

static void put_text(FILE *f, const char *key, const char *s)
{
	size_t n = strlen(s), trail = 0;

	fprintf(f, "    %s: ", key);
	if (!literal_ok(s)) {
		put_quoted(f, s);
		fputc('\n', f);
		return;
	}
	while (trail < n && s[n - 1 - trail] == '\n')
		trail++;
	if (trail > 1 || trail == n) {
		put_quoted(f, s);
		fputc('\n', f);
		return;
	}
	fputs(trail ? "|\n" : "|-\n", f);
	for (const char *p = s; *p && p < s + n - trail;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len)
			fprintf(f, "      %.*s\n", (int)len, p);
		else
			fputc('\n', f);
		p += len + (nl ? 1 : 0);
	}
}

/* An id as a plain scalar when it reads back the same, else quoted. */
static void put_id(FILE *f, const char *id)
{
	bool plain = (*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		     (*id >= '0' && *id <= '9');

	for (const char *p = id; *p && plain; p++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
			       *p) != NULL;
	if (plain)
		fputs(id, f);
	else
		put_quoted(f, id);
}

static void put_field(FILE *f, const char *key, const char *s)
{
	fprintf(f, "    %s: ", key);
	put_quoted(f, s);
	fputc('\n', f);
}

static void put_inject(FILE *f, const struct cc_inject *in)
{
	fputs("  - id: ", f);
	put_id(f, in->id);
	fprintf(f, "\n    at: %.17g\n    to: [", in->at);
	if (in->to_all)
		fputs("all", f);
	for (int t = 0; t < in->nto; t++) {
		fputs(t ? ", " : "", f);
		put_id(f, in->to[t].id);
	}
	fprintf(f, "]\n    channel: %s\n", cc_channel_name(in->channel));
	if (in->from)
		put_field(f, "from", in->from);
	put_field(f, "title", in->title);
	put_text(f, "content", in->content);
	if (in->nexpects)
		fputs("    expects:\n", f);
	for (int e = 0; e < in->nexpects; e++) {
		const struct cc_expect *x = &in->expects[e];
		fputs("      - {id: ", f);
		put_id(f, x->id);
		if (x->has_objective) {
			fputs(", objective: ", f);
			put_id(f, x->objective.id);
		}
		fputs(", text: ", f);
		put_quoted(f, x->text);
		fputs("}\n", f);
	}
	if (in->notes)
		put_text(f, "notes", in->notes);
	if (in->has_after) {
		fputs("    after: ", f);
		put_id(f, in->after.id);
		fputc('\n', f);
	}
}

static void put_injects(FILE *f, const struct cc_scenario *sc)
{
	if (!sc->ninjects) {
		fputs("injects: []\n", f);
		return;
	}
	fputs("injects:\n", f);
	for (int i = 0; i < sc->ninjects; i++)
		put_inject(f, &sc->injects[i]);
}

/* The byte offset of a mark: libyaml counts characters, not bytes. */
static size_t offset_of(const char *text, size_t len, yaml_mark_t m)
{
	size_t at = 0, line = 0, col = 0;

	while (at < len && line < m.line)
		line += text[at++] == '\n';
	while (at < len && col < m.column && text[at] != '\n') {
		at++;
		while (at < len && ((unsigned char)text[at] & 0xc0) == 0x80)
			at++;
		col++;
	}
	return at;
}

/* Where the top-level `injects` is in text: [*from, *to), or both len
 * when it is not there. */
static int find_span(const char *text, size_t len, size_t *from, size_t *to,
		     struct cc_error *err)
{
	yaml_parser_t p;
	yaml_document_t doc;
	yaml_node_t *root;
	int rc = CC_OK;

	*from = *to = len;
	if (!yaml_parser_initialize(&p))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &doc)) {
		yaml_parser_delete(&p);
		return cc_error_set(err, CC_EINPUT, NULL, 0, 0, "the scenario does not parse");
	}
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE ||
	    root->data.mapping.style == YAML_FLOW_MAPPING_STYLE || root->start_mark.column) {
		rc = cc_error_set(err, CC_EINPUT, NULL, 0, 0, "the scenario is not a block mapping "
				  "at the left margin; write it so to import an MSEL into it");
	}
	for (yaml_node_pair_t *q = root ? root->data.mapping.pairs.start : NULL;
	     !rc && q && q < root->data.mapping.pairs.top; q++) {
		yaml_node_t *k = yaml_document_get_node(&doc, q->key);
		yaml_node_t *v = yaml_document_get_node(&doc, q->value);
		if (k && v && k->type == YAML_SCALAR_NODE && k->data.scalar.length == 7 &&
		    memcmp(k->data.scalar.value, "injects", 7) == 0) {
			*from = offset_of(text, len, k->start_mark);
			*to = offset_of(text, len, v->end_mark);
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return rc;
}

int cc_msel_splice(const char *text, size_t len, const struct cc_scenario *sc,
		   char **out, size_t *outlen, struct cc_error *err)
{
	size_t from, to;
	FILE *f;
	int rc = find_span(text, len, &from, &to, err);

	*out = NULL;
	*outlen = 0;
	if (rc)
		return rc;
	if (!(f = open_memstream(out, outlen)))
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	fwrite(text, 1, from, f);
	if (from == len && len && text[len - 1] != '\n')
		fputc('\n', f);
	put_injects(f, sc);
	/* what followed on the value's last line, on a line of its own */
	if (to < len && text[to] != '\n' && (to == 0 || text[to - 1] != '\n'))
		fputc('\n', f);
	fwrite(text + to, 1, len - to, f);
	if (fclose(f) != 0 || !*out) {
		free(*out);
		*out = NULL;
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	}
	return CC_OK;
}
