-- 0014_change_notify: on PostgreSQL, every table tells the servers when it
-- changes (pg/0014_change_notify.sql). SQLite needs nothing: a server sees
-- other connections' commits through PRAGMA data_version. Kept so that
-- both dialects carry the same numbered migrations.
SELECT 1;
