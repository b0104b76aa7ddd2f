-- PostgreSQL dialect of ../0021_drill_notify.sql.
-- 0021_drill_notify: a drill's new events (inject_event) and what moves
-- its board (solves, awards, hints taken) notify "cybercap_drill" with the
-- drill's id, at commit (one notification per drill and transaction).
CREATE FUNCTION cc_drill_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('cybercap_drill', NEW.drill_id);
	RETURN NULL;
END $$;

CREATE TRIGGER drill_changed AFTER INSERT OR UPDATE ON inject_event
	FOR EACH ROW EXECUTE FUNCTION cc_drill_changed();
CREATE TRIGGER drill_changed AFTER INSERT OR UPDATE ON drill_solve
	FOR EACH ROW EXECUTE FUNCTION cc_drill_changed();
CREATE TRIGGER drill_changed AFTER INSERT OR UPDATE ON drill_award
	FOR EACH ROW EXECUTE FUNCTION cc_drill_changed();
CREATE TRIGGER drill_changed AFTER INSERT OR UPDATE ON drill_hint_unlock
	FOR EACH ROW EXECUTE FUNCTION cc_drill_changed();
