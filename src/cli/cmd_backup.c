/*
 * cmd_backup.c - `cybercap backup --data DIR TARGET` and `cybercap restore
 * --data DIR SOURCE`. A backup is a folder: cybercap.db (a consistent copy
 * made with SQLite's online backup while the server runs) and evidence/
 * (the content-addressed files, which never change once written, copied
 * after the database so that every file it names is there). With --db (a
 * PostgreSQL database) the backup is the same folder, made from one
 * snapshot by copying every table into it; restore copies such a folder
 * into an empty PostgreSQL database.
 */
#include "cli.h"

#include "../store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"Usage: cybercap backup --data DIR TARGET\n"
	"Usage: cybercap restore --data DIR SOURCE [--force]\n\n"
	"backup writes TARGET/ (which must not exist) with a consistent copy of the\n"
	"database, made while the server may be running, and the evidence files.\n"
	"restore puts a backup into DIR (refusing a DIR that has a database unless\n"
	"--force, when the current database is kept beside as cybercap.db.before-restore).\n"
	"Then check it: cybercap audit verify --data DIR\n\n"
	"With --db postgresql://... (or CYBERCAP_DB) backup writes the same folder\n"
	"from one snapshot of the database (a SQLite copy of every table and the\n"
	"stored files as files), and restore copies a backup into an empty\n"
	"PostgreSQL database. For large databases pg_dump and point-in-time\n"
	"recovery are the tools (docs/operations.md).\n";

/* dir "/" name into buf[size]; -1 when it does not fit (never truncated). */
static int join(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (out < 0) {
		close(in);
		return errno == EEXIST ? 0 : -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (fsync(out) != 0)
		n = -1;
	if (close(out) != 0)
		n = -1;
	return n < 0 ? -1 : 0;
}

/* Copies DIR/evidence/xx/hash files (two levels, names checked). */
static int copy_evidence(const char *from_dir, const char *to_dir, int *files)
{
	char from[4400], to[4400];
	DIR *top;
	struct dirent *e;
	int rc = 0;

	if (join(from, sizeof(from), from_dir, "evidence") || join(to, sizeof(to), to_dir, "evidence"))
		return -1;
	top = opendir(from);
	if (!top)
		return 0;
	mkdir(to, 0750);
	while (!rc && (e = readdir(top))) {
		char sub[4500], subto[4500];
		DIR *d;
		struct dirent *f;

		if (strlen(e->d_name) != 2 || e->d_name[0] == '.')
			continue;
		if (join(sub, sizeof(sub), from, e->d_name) || join(subto, sizeof(subto), to, e->d_name)) {
			rc = -1;
			break;
		}
		mkdir(subto, 0750);
		d = opendir(sub);
		while (!rc && d && (f = readdir(d))) {
			char a[4800], b[4800];
			if (strlen(f->d_name) != 64)
				continue;
			rc = join(a, sizeof(a), sub, f->d_name) || join(b, sizeof(b), subto, f->d_name)
				     ? -1 : copy_file(a, b);
			*files += !rc;
		}
		if (d)
			closedir(d);
	}
	closedir(top);
	return rc;
}

/* from (a store at from_where) copied into to and checked (store/copy.c),
 * both closed; the exit status after the report of a failure. */
static int copy_checked(struct cc_store *from, const char *from_where, struct cc_store *to,
			const char *to_where, struct cc_copy_report *rep)
{
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	rc = cc_store_copy(from, from_where, to, to_where, rep, &err);
	cc_store_close(from);
	cc_store_close(to);
	return rc ? cli_report(&err) : CLI_OK;
}

/* On PostgreSQL (CYBERCAP_DB): the database copied, from one snapshot,
 * into a SQLite database in the backup folder, with its stored files as
 * files (store/copy.c, as cybercap migrate does): a backup that restores
 * into either backend. */
static int pg_backup(const char *data, const char *target)
{
	static struct cc_copy_report rep;
	struct cc_store *from, *to;
	struct cc_error err;

	cc_error_clear(&err);
	if (cc_store_open(&from, data, 0, &err))
		return cli_report(&err);
	if (cc_store_open_at(&to, target, 1, &err)) {
		cc_store_close(from);
		return cli_report(&err);
	}
	int rc = copy_checked(from, data, to, target, &rep);

	if (rc)
		return rc;
	printf("%s: database (%lld rows, from one snapshot) and %lld stored files backed up\n",
	       target, rep.rows, rep.files);
	return CLI_OK;
}

/* On PostgreSQL: a backup folder copied into the (empty) database. */
static int pg_restore(const char *data, const char *source)
{
	static struct cc_copy_report rep;
	struct cc_store *from, *to;
	struct cc_error err;
	int rc;

	cc_error_clear(&err);
	if (cc_store_open_at(&from, source, 0, &err))
		return cli_report(&err);
	if (cc_store_open(&to, data, 1, &err)) {
		cc_store_close(from);
		return cli_report(&err);
	}
	if ((rc = copy_checked(from, source, to, data, &rep)))
		return rc;
	printf("%s: restored from %s (%lld rows, %lld stored files)\n", data, source, rep.rows,
	       rep.files);
	return CLI_OK;
}

static int on_pg(void)
{
	const char *url = getenv("CYBERCAP_DB");

	return url && *url;
}

static int backup(const char *data, const char *target)
{
	struct cc_store *s;
	struct cc_error err;
	char db[4400];
	int rc, files = 0;

	if (mkdir(target, 0750) != 0) {
		fprintf(stderr, "%s: error: cannot create the backup folder (%s)\n", target,
			strerror(errno));
		return CLI_BAD;
	}
	if (on_pg())
		return pg_backup(data, target);
	cc_error_clear(&err);
	if (cc_store_open(&s, data, 0, &err))
		return cli_report(&err);
	if (join(db, sizeof(db), target, "cybercap.db")) {
		cc_store_close(s);
		fprintf(stderr, "%s: error: the path is too long\n", target);
		return CLI_BAD;
	}
	rc = cc_store_backup(s, db, &err);
	cc_store_close(s);
	if (rc)
		return cli_report(&err);
	if (copy_evidence(data, target, &files)) {
		fprintf(stderr, "%s: error: cannot copy the evidence files\n", target);
		return CLI_FAIL;
	}
	printf("%s: database and %d evidence files backed up\n", target, files);
	return CLI_OK;
}

static int restore(const char *data, const char *source, int force)
{
	char db[4400], src[4400], kept[4500];
	struct cc_store *s;
	struct cc_error err;
	int files = 0;

	if (join(src, sizeof(src), source, "cybercap.db") || join(db, sizeof(db), data, "cybercap.db")) {
		fprintf(stderr, "%s: error: the path is too long\n", strlen(source) > strlen(data) ? source : data);
		return CLI_BAD;
	}
	if (access(src, R_OK) != 0) {
		fprintf(stderr, "%s: error: not a cybercap backup (no cybercap.db)\n", source);
		return CLI_BAD;
	}
	if (on_pg()) {
		(void)force;    /* into an empty database only: nothing is replaced */
		return pg_restore(data, source);
	}
	mkdir(data, 0750);
	if (access(db, F_OK) == 0) {
		if (!force) {
			fprintf(stderr, "%s: error: has a database; restore with --force to replace it\n", data);
			return CLI_BAD;
		}
		/* kept is larger than db: these always fit */
		(void)!snprintf(kept, sizeof(kept), "%s.before-restore", db);
		if (rename(db, kept) != 0) {
			fprintf(stderr, "%s: error: cannot move the current database aside\n", data);
			return CLI_FAIL;
		}
		/* The WAL and shared memory belong to the old database. */
		snprintf(kept, sizeof(kept), "%s-wal", db);
		unlink(kept);
		snprintf(kept, sizeof(kept), "%s-shm", db);
		unlink(kept);
	}
	if (copy_file(src, db) || copy_evidence(source, data, &files)) {
		fprintf(stderr, "%s: error: cannot copy the backup\n", data);
		return CLI_FAIL;
	}
	cc_error_clear(&err);
	if (cc_store_open(&s, data, 0, &err))
		return cli_report(&err);
	cc_store_close(s);
	printf("%s: restored from %s (%d evidence files)\n", data, source, files);
	return CLI_OK;
}

static int run(int argc, char **argv, int is_backup)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, 'd'},
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const char *data = NULL, *cmd = is_backup ? "backup" : "restore";
	int c, force = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			data = optarg;
		else if (c == 'f' && !is_backup)
			force = 1;
		else
			return cli_usage(cmd, "unknown option \"%s\"", argv[optind - 1]);
	}
	if (!data || argc - optind != 1)
		return cli_usage(cmd, "needs --data DIR and %s", is_backup ? "TARGET" : "SOURCE");
	return is_backup ? backup(data, argv[optind]) : restore(data, argv[optind], force);
}

int cmd_backup(int argc, char **argv)
{
	return run(argc, argv, 1);
}

int cmd_restore(int argc, char **argv)
{
	return run(argc, argv, 0);
}
