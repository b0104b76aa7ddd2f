/*
 * cli.h - what the `cybercap` commands share: exit statuses, error
 * reporting, and loading the inputs every command starts from.
 *
 * Exit status: 0 ok, 1 a runtime failure (out of memory, a write failed),
 * 2 bad input or usage. Errors go to standard error as
 * "FILE:LINE:COL: error: WHAT" and nothing is written to standard output.
 */
#ifndef CC_CLI_H
#define CC_CLI_H

#include "../core/answers.h"
#include "../core/error.h"
#include "../core/framework.h"
#include "../core/score.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_BAD = 2 };

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

/* Prints err and returns the exit status that fits its code. */
int cli_report(const struct cc_error *err);

/* Prints "cybercap CMD: MESSAGE" and a hint to --help; returns CLI_BAD. */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Exit status for a failed write to standard output. */
int cli_write_failed(void);

/* True when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

/* Everything a scoring command needs, loaded and scored. */
struct cli_scored {
	struct cc_framework fw;
	struct cc_answers answers;
	struct cc_scores scores;
};

/* Loads FRAMEWORK and RESPONSES and scores them; prints any error and
 * returns the exit status (CLI_OK on success, when *out must be released
 * with cli_scored_free). */
int cli_load_scored(const char *framework, const char *responses,
		    struct cli_scored *out);
void cli_scored_free(struct cli_scored *s);

/* The folder of bundled data (countries.csv): $CYBERCAP_DATA, else
 * ../data beside the executable, else the install prefix. */
const char *cli_data_dir(void);

/* The built web interface beside data/ (web/dist), or NULL. */
const char *cli_default_web(void);

int cmd_score(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_scenario(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_mapping(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_gaps(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_robustness(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_audit_stats(int argc, char **argv);
int cmd_export_site(int argc, char **argv);

#endif
