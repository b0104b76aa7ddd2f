/*
 * partners_out.c - the partnerships donor report as a workbook and the
 * public pledges as IATI-style XML (see partners_out.h). The XML writer
 * escapes every text and attribute by construction (esc) and drops the
 * characters XML 1.0 cannot hold.
 */
#include "partners_out.h"

#include "results_out.h"

#include <stdbool.h>
#include <string.h>
#include <xlsxwriter.h>

#define CC_IATI_TEXT_MAX 512

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

/* cybercap's choices of IATI codes (docs/partnerships.md "IATI-style
 * export"): the DAC type of aid by kind of support (AidType vocabulary 1),
 * the flow by the provider's kind (FlowType). */
static const char *aid_type(const char *modality)
{
	static const char *const map[][2] = {
		{"training", "D02"}, {"advisory", "D02"}, {"exercise", "D02"},
		{"expert-secondment", "D01"}, {"scholarship", "E01"}, {"software-licence", "C01"},
		{"equipment", "C01"}, {"cloud-credit", "C01"}, {"funding", "C01"}};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], modality) == 0)
			return map[i][1];
	return "D02";
}

static const char *flow_type(const char *kind)
{
	return strcmp(kind, "government") == 0 || strcmp(kind, "international") == 0 ? "10" : "30";
}

/* A transaction of type code on date (its first 10 characters) for
 * amount in the pledge's currency; what (NULL: none) its description. */
static void transaction(FILE *out, const json_t *p, const char *code, const char *date,
			double amount, const char *what)
{
	const json_t *v = json_object_get(p, "value");

	fprintf(out, "    <transaction>\n      <transaction-type code=\"%s\"/>\n"
		"      <transaction-date iso-date=\"", code);
	fprintf(out, "%.10s", date);
	fputs("\"/>\n      <value currency=\"", out);
	esc(out, s_of(v, "currency"));
	fputs("\" value-date=\"", out);
	esc(out, s_of(v, "fx_date"));
	fprintf(out, "\">%.2f</value>\n", amount);
	if (what)
		narrative(out, "      ", "description", what);
	fputs("    </transaction>\n", out);
}

/* One expenditure (type 4) per delivery. Delivered in full, each takes
 * the share of the amount its quantity is of all the deliveries' (equal
 * shares when none counts), the last the rest, so that they add up to
 * the amount; partly delivered, the whole is not known yet and each is
 * written with the value 0 and says so. Delivered in full without a
 * delivery recorded: one expenditure of the whole on the completion day. */
static void expenditures(FILE *out, const json_t *p)
{
	const json_t *ds = json_object_get(p, "deliveries"), *d;
	double amount = json_number_value(json_object_get(json_object_get(p, "value"), "amount"));
	bool full = strcmp(s_of(p, "delivery"), "complete") == 0;
	double total = 0, given = 0;
	size_t i, n = json_array_size(ds);
	char what[CC_IATI_TEXT_MAX];

	if (full && n == 0 && *s_of(p, "completed_at")) {
		transaction(out, p, "4", s_of(p, "completed_at"), amount, NULL);
		return;
	}
	json_array_foreach(ds, i, d)
		total += json_number_value(json_object_get(d, "quantity"));
	json_array_foreach(ds, i, d) {
		double q = json_number_value(json_object_get(d, "quantity")), share = 0;
		if (full && i + 1 == n)
			share = amount - given;
		else if (full)
			share = (double)(long long)((total > 0 ? amount * q / total : amount / (double)n) *
						    100 + 0.5) / 100;
		given += share;
		snprintf(what, sizeof(what), "delivery: %s (quantity %g, beneficiaries %lld)%s",
			 s_of(d, "what"), q, (long long)json_integer_value(json_object_get(d, "beneficiaries")),
			 full ? "" : "; value apportioned once delivered in full");
		transaction(out, p, "4", s_of(d, "date"), share, what);
	}
}

static void activity(FILE *out, const json_t *p)
{
	const json_t *org = json_object_get(p, "provider_org"), *period = json_object_get(p, "period");
	double amount = json_number_value(json_object_get(json_object_get(p, "value"), "amount"));
	const char *iso2 = s_of(p, "recipient_iso2");

	fprintf(out, "  <iati-activity default-currency=\"%s\">\n    <iati-identifier>"
		"cybercap-pledge-%lld</iati-identifier>\n    <reporting-org ref=\"",
		"USD", (long long)json_integer_value(json_object_get(p, "id")));
	esc(out, s_of(p, "provider"));
	fprintf(out, "\" type=\"%s\">", org_type(s_of(org, "kind")));
	fputs("<narrative xml:lang=\"en\">", out);
	esc(out, s_of(org, "name"));
	fputs("</narrative></reporting-org>\n", out);
	narrative(out, "    ", "title", s_of(p, "description"));
	fputs("    <description type=\"1\"><narrative xml:lang=\"en\">in-kind support: ", out);
	esc(out, s_of(p, "modality"));
	fputs(" (valuation: ", out);
	esc(out, s_of(json_object_get(p, "value"), "valuation"));
	fputs("; recipient: ", out);
	esc(out, s_of(p, "recipient"));
	fputs(")</narrative></description>\n", out);
	fprintf(out, "    <activity-status code=\"%s\"/>\n",
		strcmp(s_of(p, "delivery"), "complete") == 0 ? "3" : "2");
	fputs("    <activity-date type=\"1\" iso-date=\"", out);
	esc(out, s_of(period, "from"));
	fputs("\"/>\n    <activity-date type=\"3\" iso-date=\"", out);
	esc(out, s_of(period, "to"));
	fputs("\"/>\n", out);
	if (*iso2) {
		fputs("    <recipient-country code=\"", out);
		esc(out, iso2);
		fputs("\" percentage=\"100\"/>\n", out);
	}
	fprintf(out, "    <default-flow-type code=\"%s\"/>\n    <default-finance-type code=\"110\"/>\n"
		"    <default-aid-type code=\"%s\" vocabulary=\"1\"/>\n",
		flow_type(s_of(org, "kind")), aid_type(s_of(p, "modality")));
	transaction(out, p, "12", s_of(p, "created_at"), amount, NULL);
	if (strcmp(s_of(p, "commitment"), "confirmed") == 0)
		transaction(out, p, "2", s_of(p, "updated_at"), amount, NULL);
	expenditures(out, p);
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
