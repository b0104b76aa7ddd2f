-- 0018_sign_in_failure: failed sign-ins (and bad set-password tokens), so
-- that the limit holds across every server of one database. A row is one
-- failure: the SHA-256 of what it counts under ("ip:ADDRESS",
-- "email:ADDRESS": the address itself is not kept) and when, in seconds
-- since 1970. Rows older than the window are deleted as failures come.
CREATE TABLE sign_in_failure (
	key_hash TEXT NOT NULL CHECK (length(key_hash) = 64),
	at INTEGER NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure(key_hash, at);
