/*
 * error.h - the one error convention of cybercap.
 *
 * Functions that can fail return 0 (CC_OK) or a negative cc_status and, when
 * given a struct cc_error, fill it with where the problem is (file, line,
 * column; 0 when unknown) and a message in plain words. The caller decides
 * how to report it: the CLI prints "FILE:LINE:COL: error: MSG".
 * Nothing here does I/O; messages are formatted into the struct.
 */
#ifndef CC_ERROR_H
#define CC_ERROR_H

enum cc_status {
	CC_OK = 0,
	CC_EINPUT = -1,   /* the input is wrong: the user must fix a file */
	CC_ENOMEM = -2,   /* out of memory */
	CC_EIO = -3,      /* a file could not be read or written */
	CC_ELIMIT = -4,   /* an input exceeds a documented limit */
	CC_EUSAGE = -5    /* the command line is wrong */
};

struct cc_error {
	int code;
	char file[256];
	long line;        /* 1-based; 0 when not known */
	long col;         /* 1-based; 0 when not known */
	char msg[512];
};

void cc_error_clear(struct cc_error *e);

/* Fills e (when not NULL) and returns code, so that callers can write
 * `return cc_error_set(err, CC_EINPUT, file, line, col, "...", ...);`. */
int cc_error_set(struct cc_error *e, int code, const char *file, long line,
		 long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* A short name for a status, e.g. "bad input". */
const char *cc_strerror(int code);

#endif
