/*
 * sse_out.h - Server-Sent Events as text (the WHATWG "text/event-stream"
 * format): one event is "id: N", "event: NAME", one "data: " line per
 * line of its data, and a blank line; a comment line (":") keeps an idle
 * stream alive. The drill stream (server/drill_hub.c) builds each event
 * once with these and hands the same bytes to every viewer it is for.
 */
#ifndef CC_SSE_OUT_H
#define CC_SSE_OUT_H

#include <stddef.h>

/* One event, malloc'd and NUL-terminated (*len its length), or NULL when
 * out of memory. Line breaks in data (LF, CR, CRLF) start new data lines,
 * so no data can end the event early or forge a field. id <= 0: no id
 * line; event NULL: no event line. */
char *cc_sse_event(long long id, const char *event, const char *data, size_t *len);

/* The comment a stream sends to stay open ("keep-alive"). */
#define CC_SSE_HEARTBEAT ": keep-alive\n\n"
/* What a stream sends first: reconnect after 3 s when the connection drops. */
#define CC_SSE_PREAMBLE "retry: 3000\n\n"

#endif
