-- 0021_drill_notify: on PostgreSQL, a drill's new events and board changes
-- notify the channel "cybercap_drill" with the drill's id, so that every
-- server pushes them to the players it holds at once (store/listen.c).
-- Nothing on SQLite: its servers are one process, which tells its own
-- streams when it writes (and polls for what another process wrote).
SELECT 1;
