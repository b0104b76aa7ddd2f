/*
 * tls_check.h - checking --tls-cert and --tls-key before the server starts.
 */
#ifndef CC_TLS_CHECK_H
#define CC_TLS_CHECK_H

#include "../core/error.h"

/* Reads both files and checks that they are a PEM certificate (chain) and
 * a PEM private key that the server's TLS library takes together. Fails
 * with CC_EIO (unreadable) or CC_EINPUT (not PEM, damaged, or a key that
 * is not the certificate's), naming the file. */
int cc_tls_check(const char *cert_path, const char *key_path, struct cc_error *err);

#endif
