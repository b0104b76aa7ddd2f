/*
 * migrations.h - the schema, as numbered migrations compiled into the
 * binary (src/store/migrations/NNNN_name.sql, embedded by
 * scripts/embed-sql). cc_store_open applies those not yet applied, in
 * order, each in its own transaction.
 */
#ifndef CC_MIGRATIONS_H
#define CC_MIGRATIONS_H

struct cc_migration {
	const char *name;
	const char *sql;
};

extern const struct cc_migration cc_migrations[];
extern const int cc_nmigrations;
/* The same numbered migrations in PostgreSQL's dialect
 * (src/store/migrations/pg/). */
extern const struct cc_migration cc_pg_migrations[];
extern const int cc_pg_nmigrations;

#endif
