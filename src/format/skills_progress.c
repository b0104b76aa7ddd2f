/*
 * skills_progress.c - completion rows from Moodle, Open edX or plain CSV
 * exports (see skills_progress.h).
 */
#include "skills_progress.h"

#include "csv.h"

#include "../core/date.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void cc_progress_rows_init(struct cc_progress_rows *r)
{
	memset(r, 0, sizeof(*r));
	cc_arena_init(&r->arena);
}

void cc_progress_rows_free(struct cc_progress_rows *r)
{
	free(r->v);
	cc_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* The reading in progress. */
struct rd {
	struct cc_csv csv;
	struct cc_progress_rows *rows;
	struct cc_xlsx_errors *errs;
	const struct cc_progress_opts *o;
	int email, module, date, score, grade, eligible;   /* columns, -1: none */
};

static int bad(struct rd *r, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int bad(struct rd *r, int col, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cc_xlsx_errors_vadd(r->errs, NULL, (int)r->csv.record_line, col, fmt, ap);
	va_end(ap);
	return rc ? rc : CC_EINPUT;
}

/* Field i of the record, trimmed, copied into the arena ("" when absent). */
static const char *field(struct rd *r, int i)
{
	const char *s;
	size_t n;

	if (i < 0 || i >= r->csv.nfields)
		return "";
	s = r->csv.fields[i].s;
	n = r->csv.fields[i].len;
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return cc_arena_strndup(&r->rows->arena, s, n);
}

static int add(struct rd *r, const char *email, const char *module, const char *date,
	       double score)
{
	struct cc_progress_rec *v;

	if (r->rows->n == r->rows->cap) {
		int cap = r->rows->cap ? 2 * r->rows->cap : 64;

		if (!(v = realloc(r->rows->v, (size_t)cap * sizeof(*v))))
			return CC_ENOMEM;
		r->rows->v = v;
		r->rows->cap = cap;
	}
	v = &r->rows->v[r->rows->n++];
	v->line = r->csv.record_line;
	v->email = email;
	v->module = module;
	snprintf(v->completed_at, sizeof(v->completed_at), "%s", date);
	v->score = score;
	return CC_OK;
}

static bool email_ok(const char *e)
{
	const char *at = strchr(e, '@');

	return at && at != e && strchr(at + 1, '.') && !strchr(at + 1, '@') && strlen(e) < 255;
}

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"};

/* A date "YYYY-MM-DD[...]" or with "D Month YYYY" somewhere in s. */
static bool any_date(const char *s, char out[11])
{
	int d, y, days;
	char mon[16];

	if (strlen(s) >= 10 && cc_date_parse(s, 10, &days)) {
		cc_date_format(days, out);
		return true;
	}
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%2d %15[A-Za-z] %4d", &d, mon, &y) != 3)
			continue;
		for (int m = 0; m < 12; m++)
			if (strcasecmp(mon, months[m]) == 0 && d >= 1 && d <= 31 && y >= 1970) {
				cc_date_format(cc_date_days(y, m + 1, d), out);
				return true;
			}
	}
	return false;
}

static bool number(const char *s, double lo, double hi, double *x)
{
	char *end;

	if (!*s)
		return false;
	*x = strtod(s, &end);
	return *end == '\0' && isfinite(*x) && *x >= lo && *x <= hi;
}

static int plain_row(struct rd *r)
{
	const char *email = field(r, r->email), *module = field(r, r->module);
	const char *when = field(r, r->date), *sc = field(r, r->score);
	char day[11];
	double score = NAN;
	int rc = CC_OK;

	if (!email_ok(email))
		rc = bad(r, r->email, "email: \"%s\" is not an email address", email);
	if (!*module)
		rc = bad(r, r->module, "module: empty");
	if (!(strlen(when) >= 10 && cc_date_parse(when, 10, &(int){0})))
		rc = bad(r, r->date, "completed_at: \"%s\" is not a date (YYYY-MM-DD)", when);
	if (*sc && !number(sc, 0, 100, &score))
		rc = bad(r, r->score, "score: \"%s\" is not a number from 0 to 100", sc);
	if (rc)
		return rc;
	snprintf(day, sizeof(day), "%.10s", when);
	return add(r, email, module, day, score);
}

static bool done_state(const char *s)
{
	return strncasecmp(s, "completed", 9) == 0 && !strstr(s, "did not");
}

static bool known_state(const char *s)
{
	return !*s || strncasecmp(s, "completed", 9) == 0 || strncasecmp(s, "not completed", 13) == 0;
}

static int moodle_row(struct rd *r, const char **header, int nh)
{
	const char *email = field(r, r->email);
	int rc = email_ok(email) ? CC_OK : bad(r, r->email, "Email address: \"%s\" is not an "
						  "email address", email);

	for (int c = 0; c < nh; c++) {
		const char *state, *when;
		char day[11];

		if (c == r->email || !*header[c] || c + 1 >= nh || *header[c + 1])
			continue;
		state = field(r, c);
		when = field(r, c + 1);
		if (!known_state(state)) {
			rc = bad(r, c, "%s: \"%s\" is not a completion state", header[c], state);
		} else if (done_state(state)) {
			if (!any_date(when, day))
				rc = bad(r, c + 1, "%s: \"%s\" is not a date", header[c], when);
			else if (!rc && (rc = add(r, email, header[c], day, NAN)) == CC_ENOMEM)
				return rc;
		}
	}
	return rc;
}

static int openedx_row(struct rd *r)
{
	const char *email = field(r, r->email), *grade = field(r, r->grade);
	const char *elig = field(r, r->eligible);
	double g = NAN;
	int rc = CC_OK;

	if (!email_ok(email))
		rc = bad(r, r->email, "Email: \"%s\" is not an email address", email);
	if (!number(grade, 0, 1, &g))
		rc = bad(r, r->grade, "Grade: \"%s\" is not a number from 0 to 1", grade);
	if (strcmp(elig, "Y") && strcmp(elig, "N"))
		rc = bad(r, r->eligible, "Certificate Eligible: \"%s\" is not Y or N", elig);
	if (rc || strcmp(elig, "Y"))
		return rc;
	return add(r, email, r->o->module, r->o->date, round(g * 10000) / 100);
}

/* Tells the shape from the header; CC_EINPUT (recorded) when unknown. */
static int shape(struct rd *r)
{
	int e = cc_csv_find(&r->csv, "email");

	r->module = cc_csv_find(&r->csv, "module");
	r->date = cc_csv_find(&r->csv, "completed_at");
	r->score = cc_csv_find(&r->csv, "score");
	if (e >= 0 && r->module >= 0 && r->date >= 0) {
		r->email = e;
		r->rows->format = "plain";
		return CC_OK;
	}
	if ((r->email = cc_csv_find(&r->csv, "Email address")) >= 0) {
		r->rows->format = "moodle";
		return CC_OK;
	}
	r->email = cc_csv_find(&r->csv, "Email");
	r->grade = cc_csv_find(&r->csv, "Grade");
	r->eligible = cc_csv_find(&r->csv, "Certificate Eligible");
	if (r->email >= 0 && r->grade >= 0 && r->eligible >= 0) {
		r->rows->format = "openedx";
		if (!r->o || !r->o->module || !*r->o->module || !r->o->date ||
		    !cc_date_valid(r->o->date, &(int){0}))
			return bad(r, -1, "an Open edX grade report needs the module's name and "
				   "the date of completion (module, date)");
		return CC_OK;
	}
	return bad(r, -1, "the header is not email,module,completed_at,score, nor Moodle's "
		   "completion report (Email address), nor Open edX's grade report (Email, "
		   "Grade, Certificate Eligible)");
}

static void summary(int rc, const struct cc_xlsx_errors *errs, struct cc_error *err)
{
	int more = errs->n + errs->dropped - 1;

	if (!errs->n) {
		cc_error_set(err, rc, "file", 0, 0, "%s", err->msg[0] ? err->msg : cc_strerror(rc));
		return;
	}
	cc_error_set(err, rc, "file", errs->v[0].row, 0, "line %d: %s%s", errs->v[0].row,
		     errs->v[0].msg, more > 0 ? " (and more errors: see errors)" : "");
}

int cc_progress_csv_read(const char *text, size_t len, const struct cc_progress_opts *o,
			 struct cc_progress_rows *rows, struct cc_xlsx_errors *errs,
			 struct cc_error *err)
{
	struct rd r = {.rows = rows, .errs = errs, .o = o};
	const char **header = NULL;
	int nh = 0, rc, more, failed = 0;
	struct cc_error e;

	cc_error_clear(&e);
	rc = cc_csv_open(&r.csv, "file", text, len, &e);
	if (!rc && (more = cc_csv_next(&r.csv, &e)) != 1)
		rc = more < 0 ? more : cc_error_set(&e, CC_EINPUT, "file", 1, 0, "the file is "
						    "empty: line 1 is the header");
	if (!rc && (rc = shape(&r)) == CC_OK) {
		nh = r.csv.nfields;
		header = cc_arena_array(&rows->arena, (size_t)nh + 1, sizeof(*header));
		for (int i = 0; header && i < nh; i++)
			header[i] = field(&r, i);
		if (!header)
			rc = CC_ENOMEM;
	}
	while (!rc && (more = cc_csv_next(&r.csv, &e)) == 1) {
		int one = !strcmp(rows->format, "plain") ? plain_row(&r) :
			  !strcmp(rows->format, "moodle") ? moodle_row(&r, header, nh) :
			  openedx_row(&r);

		if (one == CC_ENOMEM)
			rc = one;
		failed |= one != CC_OK;
	}
	if (!rc && more < 0)
		rc = more;
	cc_csv_close(&r.csv);
	if (!rc && failed)
		rc = CC_EINPUT;
	if (rc) {
		if (e.msg[0] && !errs->n)
			cc_xlsx_errors_add(errs, NULL, (int)e.line, -1, "%s", e.msg);
		summary(rc, errs, err);
		rows->n = 0;
	}
	return rc;
}
