/*
 * cli.c - shared helpers of the commands (see cli.h).
 */
#include "cli.h"

#include "../format/framework_yaml.h"
#include "../store/store.h"
#include "../format/responses_csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_report(const struct cc_error *err)
{
	const char *what = err->msg[0] ? err->msg : cc_strerror(err->code);

	if (err->file[0] && err->line > 0 && err->col > 0)
		fprintf(stderr, "%s:%ld:%ld: error: %s\n", err->file, err->line,
			err->col, what);
	else if (err->file[0] && err->line > 0)
		fprintf(stderr, "%s:%ld: error: %s\n", err->file, err->line, what);
	else if (err->file[0])
		fprintf(stderr, "%s: error: %s\n", err->file, what);
	else
		fprintf(stderr, "cybercap: error: %s\n", what);
	switch (err->code) {
	case CC_EINPUT:
	case CC_ELIMIT:
	case CC_EUSAGE:
	case CC_ENOTFOUND:
	case CC_ECONFLICT:
		return CLI_BAD;
	default:
		return CLI_FAIL;
	}
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cybercap %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'cybercap %s --help'.\n", cmd);
	return CLI_BAD;
}

int cli_write_failed(void)
{
	fprintf(stderr, "cybercap: error: cannot write the output\n");
	return CLI_FAIL;
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

int cli_load_scored(const char *framework, const char *responses,
		    struct cli_scored *out)
{
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	memset(out, 0, sizeof(*out));
	rc = cc_framework_load(&out->fw, framework, &err);
	if (rc)
		return cli_report(&err);
	rc = cc_responses_load(&out->answers, &out->fw, responses, &err);
	if (!rc)
		rc = cc_scores_compute(&out->scores, &out->fw, &out->answers, &err);
	if (rc) {
		cc_answers_free(&out->answers);
		cc_framework_free(&out->fw);
		return cli_report(&err);
	}
	return CLI_OK;
}

void cli_scored_free(struct cli_scored *s)
{
	cc_scores_free(&s->scores);
	cc_answers_free(&s->answers);
	cc_framework_free(&s->fw);
}

/* The repository's data/ is found from build/ and build/asan/ alike. */
const char *cli_data_dir(void)
{
	static char dir[4200];
	const char *env = getenv("CYBERCAP_DATA");
	char exe[4096], probe[4300];
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 3 && (slash = strrchr(exe, '/')); up++) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%.4000s/data", exe);
			snprintf(probe, sizeof(probe), "%s/countries.csv", dir);
			if (access(probe, R_OK) == 0)
				return dir;
		}
	}
	return "/usr/local/share/cybercap/data";
}

const char *cli_default_web(void)
{
	static char dir[4300];

	snprintf(dir, sizeof(dir), "%s/../web/dist", cli_data_dir());
	return access(dir, R_OK) == 0 ? dir : NULL;
}
