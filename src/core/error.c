/*
 * error.c - filling struct cc_error and naming status codes.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cc_error_clear(struct cc_error *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
}

int cc_error_set(struct cc_error *e, int code, const char *file, long line,
		 long col, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

const char *cc_strerror(int code)
{
	switch (code) {
	case CC_OK:
		return "ok";
	case CC_EINPUT:
		return "bad input";
	case CC_ENOMEM:
		return "out of memory";
	case CC_EIO:
		return "input/output error";
	case CC_ELIMIT:
		return "limit exceeded";
	case CC_EUSAGE:
		return "usage error";
	}
	return "unknown error";
}
