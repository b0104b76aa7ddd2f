/*
 * pg_sql.h - the store's SQL rewritten for PostgreSQL (pg_sql.c).
 */
#ifndef CC_PG_SQL_H
#define CC_PG_SQL_H

/* sql with its SQLite spellings rewritten for PostgreSQL; types are the
 * values' bind types (store_internal.h), for the casts PostgreSQL needs.
 * A new string (free it), or NULL when out of memory. */
char *cc__pg_sql(const char *sql, const char *types);

#endif
