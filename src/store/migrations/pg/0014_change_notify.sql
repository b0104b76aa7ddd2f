-- PostgreSQL dialect of ../0014_change_notify.sql.
-- 0014_change_notify: every table notifies the channel cybercap_changed when
-- a statement changes it; the notification reaches every server LISTENing
-- (each store connection does) when the transaction commits, and PostgreSQL
-- sends one per transaction however many statements changed data. A server
-- then drops what it caches of the published data (src/store/pg.c).
-- cc_watch_tables() puts the trigger on every table that lacks it; the
-- store calls it after each migration run, so tables that later migrations
-- create are watched too.
CREATE FUNCTION cc_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('cybercap_changed', '');
	RETURN NULL;
END $$;

CREATE FUNCTION cc_watch_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname = current_schema()
		AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid
				AND g.tgname = 'cc_changed')
	LOOP
		EXECUTE format('CREATE TRIGGER cc_changed AFTER INSERT OR UPDATE OR DELETE '
			       'OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION '
			       'cc_notify_changed()', t.relname);
	END LOOP;
END $$;
