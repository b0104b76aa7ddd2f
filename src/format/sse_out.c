/*
 * sse_out.c - Server-Sent Events as text (see sse_out.h).
 */
#include "sse_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cc_sse_event(long long id, const char *event, const char *data, size_t *len)
{
	size_t n = strlen(data), lines = 1, cap, at = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		lines += data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n');
	if (event && strpbrk(event, "\r\n"))
		return NULL;
	cap = 32 + (event ? strlen(event) + 8 : 0) + n + lines * 6 + 2;
	out = malloc(cap);
	if (!out)
		return NULL;
	if (id > 0)
		at += (size_t)snprintf(out + at, cap - at, "id: %lld\n", id);
	if (event)
		at += (size_t)snprintf(out + at, cap - at, "event: %s\n", event);
	memcpy(out + at, "data: ", 6);
	at += 6;
	for (size_t i = 0; i < n; i++) {
		if (data[i] == '\r' || data[i] == '\n') {
			if (data[i] == '\r' && data[i + 1] == '\n')
				i++;
			memcpy(out + at, "\ndata: ", 7);
			at += 7;
		} else {
			out[at++] = data[i];
		}
	}
	out[at++] = '\n';
	out[at++] = '\n';
	out[at] = '\0';
	*len = at;
	return out;
}
