/*
 * tls_check.c - the files of --tls-cert and --tls-key, checked before the
 * server starts so that a wrong or damaged file is named: libmicrohttpd
 * only reports that its daemon did not start. The check loads them the way
 * the server does (a libmicrohttpd daemon with TLS, without a socket), in a
 * child process: GnuTLS leaks on some of its error paths (a truncated
 * certificate), and a damaged file must not take the caller down either.
 */
#include "tls_check.h"

#include "../format/fileio.h"

#include <errno.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static enum MHD_Result refuse(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *data,
			      size_t *size, void **state)
{
	(void)cls, (void)c, (void)url, (void)method, (void)version, (void)data;
	(void)size, (void)state;
	return MHD_NO;
}

static int try_tls(const char *cert, const char *key)
{
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_TLS | MHD_USE_NO_LISTEN_SOCKET, 0,
						NULL, NULL, refuse, NULL,
						MHD_OPTION_HTTPS_MEM_CERT, cert,
						MHD_OPTION_HTTPS_MEM_KEY, key,
						MHD_OPTION_END);

	if (!d)
		return 0;
	MHD_stop_daemon(d);
	return 1;
}

/* Whether libmicrohttpd starts with this certificate and key. */
static int usable(const char *cert, const char *key)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(try_tls(cert, key) ? 0 : 1);
	if (pid < 0)
		return try_tls(cert, key);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return try_tls(cert, key);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int cc_tls_check(const char *cert_path, const char *key_path, struct cc_error *err)
{
	char *cert = NULL, *key = NULL;
	size_t n;
	int rc = cc_read_file(cert_path, 1 << 20, &cert, &n, err);

	if (!rc)
		rc = cc_read_file(key_path, 1 << 20, &key, &n, err);
	if (!rc && !strstr(cert, "-----BEGIN CERTIFICATE-----"))
		rc = cc_error_set(err, CC_EINPUT, cert_path, 0, 0,
				  "not a PEM certificate (no \"-----BEGIN CERTIFICATE-----\" line)");
	if (!rc && !(strstr(key, "-----BEGIN ") && strstr(key, "PRIVATE KEY-----")))
		rc = cc_error_set(err, CC_EINPUT, key_path, 0, 0,
				  "not a PEM private key (no \"-----BEGIN ... PRIVATE KEY-----\" line)");
	if (!rc && !usable(cert, key))
		rc = cc_error_set(err, CC_EINPUT, cert_path, 0, 0,
				  "this certificate and the key %s cannot be used together "
				  "(a damaged file, an encrypted key, or a key that is not "
				  "the certificate's)", key_path);
	if (key)
		sodium_memzero(key, strlen(key));
	free(key);
	free(cert);
	return rc;
}
