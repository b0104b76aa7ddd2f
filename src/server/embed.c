/*
 * embed.c - the server without a socket or threads of its own (see
 * server.h): connections are socket pairs handed to libmicrohttpd, which
 * runs in the caller's thread. The fuzz harnesses (fuzz/driver.c) and
 * tests/unit/test_server.c drive the whole request path this way.
 */
#include "server_internal.h"

#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int cc_server_embed(const struct cc_server_opts *o, struct cc_server **out,
		    struct cc_error *err)
{
	struct cc_server *sv = malloc(sizeof(*sv));
	int rc;

	*out = NULL;
	if (!sv)
		return cc_error_set(err, CC_ENOMEM, NULL, 0, 0, "out of memory");
	rc = cc__server_open(sv, o, false, err);
	if (rc) {
		free(sv);
		return rc;
	}
	signal(SIGPIPE, SIG_IGN);
	sv->daemon = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, cc__server_on_request, sv,
				      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CC_SERVER_TIMEOUT,
				      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
				      MHD_OPTION_NOTIFY_COMPLETED, cc__server_on_completed, sv,
				      MHD_OPTION_UNESCAPE_CALLBACK, cc__server_unescape, NULL,
				      MHD_OPTION_END);
	if (!sv->daemon) {
		cc__server_close(sv);
		free(sv);
		return cc_error_set(err, CC_EIO, NULL, 0, 0, "cannot start libmicrohttpd");
	}
	*out = sv;
	return CC_OK;
}

/* Appends what fd has to *buf; 1 at end of stream (or when the server
 * closed the connection with bytes of ours unread: ECONNRESET on a Unix
 * socket), 0 when it would block, -1 on error. */
static int drain_fd(int fd, char **buf, size_t *len, size_t *cap)
{
	char tmp[16384];

	for (;;) {
		ssize_t n = read(fd, tmp, sizeof(tmp));
		if (n == 0)
			return 1;
		if (n < 0 && errno == ECONNRESET)
			return 1;  /* closed by the server before it read everything */
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		if (*len + (size_t)n + 1 > *cap) {
			size_t want = (*cap ? *cap * 2 : 65536) + (size_t)n;
			char *grown = realloc(*buf, want);
			if (!grown)
				return -1;
			*buf = grown;
			*cap = want;
		}
		memcpy(*buf + *len, tmp, (size_t)n);
		*len += (size_t)n;
		(*buf)[*len] = '\0';
	}
}

int cc_server_exchange(struct cc_server *sv, const char *in, size_t len,
		       char **out, size_t *outlen)
{
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
	size_t sent = 0, cap = 0;
	int fds[2], done = 0;

	*out = NULL;
	*outlen = 0;
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) != 0)
		return CC_EIO;
	/* The daemon owns fds[1] from here, even when this fails. */
	if (MHD_add_connection(sv->daemon, fds[1], (struct sockaddr *)&peer,
			       sizeof(peer)) != MHD_YES) {
		close(fds[0]);
		return CC_EIO;
	}
	if (len == 0)
		shutdown(fds[0], SHUT_WR);
	for (int i = 0; i < 200000 && !done; i++) {
		if (sent < len) {
			ssize_t n = write(fds[0], in + sent, len - sent);
			if (n > 0)
				sent += (size_t)n;
			else if (errno != EAGAIN && errno != EWOULDBLOCK)
				sent = len;  /* the server closed: stop sending */
			if (sent == len)
				shutdown(fds[0], SHUT_WR);
		}
		if (MHD_run(sv->daemon) != MHD_YES)
			break;
		done = drain_fd(fds[0], out, outlen, &cap);
	}
	close(fds[0]);
	if (done != 1) {
		free(*out);
		*out = NULL;
		*outlen = 0;
		return CC_EIO;
	}
	return CC_OK;
}

void cc_server_free(struct cc_server *sv)
{
	if (!sv)
		return;
	MHD_stop_daemon(sv->daemon);
	cc__server_close(sv);
	free(sv);
}
