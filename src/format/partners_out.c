/*
 * partners_out.c - the partnerships donor report as a workbook and the
 * public pledges as IATI-style XML (see partners_out.h). The XML writer
 * escapes every text and attribute by construction (esc) and drops the
 * characters XML 1.0 cannot hold.
 */
#include "partners_out.h"

#include "results_out.h"

#include <string.h>
#include <xlsxwriter.h>

/* ---- XML ---- */

/* Writes s escaped for text and attribute values; control characters
 * other than tab, newline and carriage return are left out. */
static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default:
			if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
				fputc(ch, out);
		}
	}
}

static const char *s_of(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v ? v : "";
}

static void narrative(FILE *out, const char *indent, const char *el, const char *text)
{
	fprintf(out, "%s<%s><narrative xml:lang=\"en\">", indent, el);
	esc(out, text);
	fprintf(out, "</narrative></%s>\n", el);
}

/* IATI organisation type codes (cybercap's reading of the OrganisationType list). */
static const char *org_type(const char *kind)
{
	static const char *const map[][2] = {{"government", "10"}, {"private", "70"},
					     {"academia", "80"}, {"civil_society", "22"},
					     {"international", "40"}};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], kind) == 0)
			return map[i][1];
	return "90";
}

static void transaction(FILE *out, const json_t *p, const char *code, const char *date)
{
	const json_t *v = json_object_get(p, "value");

	fprintf(out, "    <transaction>\n      <transaction-type code=\"%s\"/>\n"
		"      <transaction-date iso-date=\"", code);
	esc(out, date);
	fputs("\"/>\n      <value currency=\"", out);
	esc(out, s_of(v, "currency"));
	fputs("\" value-date=\"", out);
	esc(out, s_of(v, "fx_date"));
	fprintf(out, "\">%.2f</value>\n    </transaction>\n",
		json_number_value(json_object_get(v, "amount")));
}

static void activity(FILE *out, const json_t *p)
{
	const json_t *org = json_object_get(p, "provider_org"), *period = json_object_get(p, "period");
	const char *done = s_of(p, "completed_at");
	char day[11];

	fprintf(out, "  <iati-activity default-currency=\"%s\">\n    <iati-identifier>"
		"cybercap-pledge-%lld</iati-identifier>\n    <reporting-org ref=\"",
		"USD", (long long)json_integer_value(json_object_get(p, "id")));
	esc(out, s_of(p, "provider"));
	fprintf(out, "\" type=\"%s\">", org_type(s_of(org, "kind")));
	fputs("<narrative xml:lang=\"en\">", out);
	esc(out, s_of(org, "name"));
	fputs("</narrative></reporting-org>\n", out);
	narrative(out, "    ", "title", s_of(p, "description"));
	fputs("    <activity-date type=\"1\" iso-date=\"", out);
	esc(out, s_of(period, "from"));
	fputs("\"/>\n    <activity-date type=\"3\" iso-date=\"", out);
	esc(out, s_of(period, "to"));
	fputs("\"/>\n    <recipient-country code=\"", out);
	esc(out, s_of(p, "recipient"));
	fputs("\" percentage=\"100\"/>\n    <description type=\"1\"><narrative xml:lang=\"en\">"
	      "in-kind support: ", out);
	esc(out, s_of(p, "modality"));
	fputs(" (valuation: ", out);
	esc(out, s_of(json_object_get(p, "value"), "valuation"));
	fputs(")</narrative></description>\n", out);
	transaction(out, p, "12", s_of(p, "created_at"));
	if (strcmp(s_of(p, "commitment"), "confirmed") == 0)
		transaction(out, p, "2", s_of(p, "updated_at"));
	if (strcmp(s_of(p, "delivery"), "complete") == 0 && *done) {
		snprintf(day, sizeof(day), "%s", done);
		transaction(out, p, "4", day);
	}
	fputs("  </iati-activity>\n", out);
}

int cc_partners_iati_xml(FILE *out, const json_t *pledges, const char *generated)
{
	size_t i;
	const json_t *p;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" "
	      "generated-datetime=\"", out);
	esc(out, generated);
	fputs("\">\n", out);
	json_array_foreach(pledges, i, p)
		activity(out, p);
	fputs("</iati-activities>\n", out);
	return ferror(out) ? -1 : 0;
}

/* ---- the workbook ---- */

static void row_of(lxw_worksheet *ws, lxw_row_t r, const char *label, const json_t *row,
		   const char *key)
{
	worksheet_write_string(ws, r, 0, label, NULL);
	worksheet_write_string(ws, r, 1, s_of(row, key), NULL);
	worksheet_write_number(ws, r, 2, json_number_value(json_object_get(row, "usd")), NULL);
	worksheet_write_number(ws, r, 3, (double)json_integer_value(json_object_get(row, "pledges")),
			       NULL);
}

static int summary(lxw_workbook *wb, lxw_format *bold, const json_t *rep)
{
	static const char *const groups[] = {"ldc", "sids"};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	lxw_row_t r = 0;

	if (!ws)
		return -1;
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_write_string(ws, r, 0, "year", bold);
	worksheet_write_number(ws, r++, 1, (double)json_integer_value(json_object_get(rep, "year")),
			       NULL);
	for (size_t g = 0; g < 2; g++) {
		const json_t *x = json_object_get(rep, groups[g]);
		char label[80];
		snprintf(label, sizeof(label), "%s supported (list of %lld)", g ? "SIDS" : "LDCs",
			 (long long)json_integer_value(json_object_get(x, "list_year")));
		worksheet_write_string(ws, r, 0, label, bold);
		worksheet_write_number(ws, r, 1, (double)json_integer_value(json_object_get(x,
				       "supported")), NULL);
		worksheet_write_string(ws, r, 2, "of", NULL);
		worksheet_write_number(ws, r++, 3, (double)json_integer_value(json_object_get(x, "of")),
				       NULL);
	}
	worksheet_write_string(ws, r, 0, "value (USD)", bold);
	worksheet_write_number(ws, r++, 1, json_number_value(json_object_get(rep, "usd")), NULL);
	worksheet_write_string(ws, r, 0, "fulfilment rate", bold);
	if (json_is_number(json_object_get(rep, "fulfilment_rate")))
		worksheet_write_number(ws, r, 1, json_number_value(json_object_get(rep,
				       "fulfilment_rate")), NULL);
	r++;
	worksheet_write_string(ws, r, 0, "beneficiaries", bold);
	worksheet_write_number(ws, r++, 1, (double)json_integer_value(json_object_get(rep,
			       "beneficiaries")), NULL);
	return 0;
}

static int values(lxw_workbook *wb, lxw_format *bold, const json_t *rep)
{
	static const char *const parts[][2] = {{"value_by_partner", "partner"},
					       {"value_by_theme", "theme"},
					       {"value_by_modality", "modality"},
					       {"value_by_region", "region"},
					       {"value_by_valuation", "valuation"}};
	static const char *const head[] = {"by", "which", "USD", "pledges"};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Value");
	lxw_row_t r = 1;
	const json_t *row;
	size_t i;

	if (!ws)
		return -1;
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
	worksheet_set_column(ws, 0, 1, 24, NULL);
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		json_array_foreach(json_object_get(rep, parts[k][0]), i, row)
			row_of(ws, r++, parts[k][1], row, parts[k][1]);
	return 0;
}

static int matrix(lxw_workbook *wb, lxw_format *bold, const json_t *rep)
{
	static const char *const head[] = {"unit", "theme", "USD", "pledges", "open requests"};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Who does what where");
	lxw_row_t r = 1;
	const json_t *row;
	size_t i;

	if (!ws)
		return -1;
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
	json_array_foreach(json_object_get(rep, "matrix"), i, row) {
		worksheet_write_string(ws, r, 0, s_of(row, "unit"), NULL);
		worksheet_write_string(ws, r, 1, s_of(row, "theme"), NULL);
		worksheet_write_number(ws, r, 2, json_number_value(json_object_get(row, "usd")), NULL);
		worksheet_write_number(ws, r, 3, (double)json_integer_value(json_object_get(row,
				       "pledges")), NULL);
		worksheet_write_number(ws, r++, 4, (double)json_integer_value(json_object_get(row,
				       "open_requests")), NULL);
	}
	return 0;
}

int cc_partners_report_xlsx(void *wbv, const json_t *report)
{
	lxw_workbook *wb = wbv;
	lxw_format *bold = workbook_add_format(wb);

	format_set_bold(bold);
	if (summary(wb, bold, report) || values(wb, bold, report) || matrix(wb, bold, report))
		return -1;
	return 0;
}

/* ---- CSV ---- */

/* One row: section, which, theme, value, usd, pledges, open_requests
 * (NULL: empty; numbers as given). */
static int csv_row(FILE *out, const char *const *cells)
{
	int bad = 0;

	for (int c = 0; c < 7; c++) {
		if (c)
			bad |= fputc(',', out) == EOF;
		if (cells[c])
			bad |= cc_csv_write_cell(out, cells[c]) != 0;
	}
	return bad | (fputs("\r\n", out) == EOF);
}

static const char *numtext(const json_t *v, char *buf, size_t size)
{
	if (!json_is_number(v))
		return NULL;
	cc_format_number(buf, size, json_number_value(v));
	return buf;
}

static int csv_summary(FILE *out, const json_t *rep)
{
	static const char *const groups[] = {"ldc", "sids"};
	static const char *const keys[] = {"supported", "of", "list_year", "share"};
	static const char *const top[] = {"pledges", "usd", "fulfilment_rate", "beneficiaries",
					  "open_requests"};
	char name[40], v[40];
	int bad = 0;

	for (int g = 0; g < 2; g++)
		for (int k = 0; k < 4; k++) {
			snprintf(name, sizeof(name), "%s_%s", groups[g], keys[k]);
			bad |= csv_row(out, (const char *const[]){"summary", name, NULL,
				numtext(json_object_get(json_object_get(rep, groups[g]), keys[k]), v,
					sizeof(v)), NULL, NULL, NULL});
		}
	for (size_t k = 0; k < sizeof(top) / sizeof(top[0]); k++)
		bad |= csv_row(out, (const char *const[]){"summary", top[k], NULL,
			numtext(json_object_get(rep, top[k]), v, sizeof(v)), NULL, NULL, NULL});
	return bad;
}

int cc_partners_report_csv(FILE *out, const json_t *rep)
{
	static const char *const parts[][2] = {{"value_by_partner", "partner"},
					       {"value_by_theme", "theme"},
					       {"value_by_modality", "modality"},
					       {"value_by_region", "region"},
					       {"value_by_valuation", "valuation"}};
	const json_t *row;
	char a[40], b[40], c[40];
	size_t i;
	int bad = csv_row(out, (const char *const[]){"section", "which", "theme", "value", "usd",
						     "pledges", "open_requests"});

	bad |= csv_summary(out, rep);
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		json_array_foreach(json_object_get(rep, parts[k][0]), i, row)
			bad |= csv_row(out, (const char *const[]){parts[k][0], s_of(row, parts[k][1]),
				NULL, NULL, numtext(json_object_get(row, "usd"), a, sizeof(a)),
				numtext(json_object_get(row, "pledges"), b, sizeof(b)), NULL});
	json_array_foreach(json_object_get(rep, "matrix"), i, row)
		bad |= csv_row(out, (const char *const[]){"matrix", s_of(row, "unit"),
			s_of(row, "theme"), NULL, numtext(json_object_get(row, "usd"), a, sizeof(a)),
			numtext(json_object_get(row, "pledges"), b, sizeof(b)),
			numtext(json_object_get(row, "open_requests"), c, sizeof(c))});
	json_array_foreach(json_object_get(rep, "gaps"), i, row)
		bad |= csv_row(out, (const char *const[]){"gap", s_of(row, "unit"), s_of(row, "title"),
			numtext(json_object_get(row, "request"), a, sizeof(a)), NULL, NULL, NULL});
	return bad ? -1 : 0;
}
