/*
 * http_drill.h - what the drill routes share (http_drills.c,
 * http_drill_control.c, http_drill_play.c, http_drill_report.c,
 * http_scenarios.c): the role check every route under
 * /api/v1/drills/{d} makes first, loading a drill under the store lock,
 * and the JSON every view builds from.
 *
 * Who may do what is core/drill_rules.h; a person not in the drill gets
 * 403, anonymous 401, a drill that is not there 404. A player never gets
 * another team's injects, controller notes or expected actions from any
 * of these.
 */
#ifndef CC_HTTP_DRILL_H
#define CC_HTTP_DRILL_H

#include "router.h"

#include "../core/drill_rules.h"
#include "../service/drills.h"

/* The caller's roles in the drill of params[0] (a player's team into
 * team[129]): 1 when they may do what, else 0 after filling resp. */
int cc__drill_may(struct cc_req *req, struct cc_resp *resp, enum cc_drill_do what,
		  unsigned *roles, char *team);

/* Loads the drill of params[0], its scenario's texts in the reader's
 * language (cc__scenario_lang); 1, or 0 after filling resp (free d
 * either way). */
int cc__drill_load(struct cc_req *req, struct cc_resp *resp, struct cc_drill *d);

/* The reader's language among sc's translations (?lang=, else
 * Accept-Language; a ?lang= that is not a tag counts as none): an index
 * for cc_scenario_in, or -1 for the file's own texts. */
int cc__scenario_lang(const struct cc_req *req, struct cc_resp *resp,
		      const struct cc_scenario *sc);
/* false after filling resp with a 400 when ?lang= is not a language tag. */
bool cc__lang_param_ok(const struct cc_req *req, struct cc_resp *resp);
/* Adds lang, languages and untranslated (as GET /frameworks/{id} has
 * them) to o for language l of sc. */
void cc__scenario_lang_json(json_t *o, const struct cc_scenario *sc, int l);

/* After a committed change to the drill of params[0]: its streams and
 * the clock hear of it. */
void cc__drill_changed(struct cc_req *req);

/* The caller's roles as a list of words. */
json_t *cc__drill_roles_json(unsigned roles);

/* One inject as the timeline shows it to staff: everything, notes and
 * expected actions included. */
json_t *cc__drill_inject_staff(const struct cc_drill *d, const struct cc_drill_inject *x);
/* As a player or an observer sees a delivered one (no notes, no
 * expected actions). */
json_t *cc__drill_inject_seen(const struct cc_drill *d, const struct cc_drill_inject *x,
			      bool with_to);

/* A list of strings of body (absent or null: none when optional) into a
 * malloc'd array (*out, free it; pointers into body); 1, or 0 after
 * filling resp with 422 naming field. */
int cc__json_strings(json_t *body, const char *name, const char *field, bool optional,
		     int max, const char ***out, int *n, struct cc_resp *resp);

/* The end of a handler: o (stolen) with status when rc is CC_OK, else
 * the error (400/404/409/413/422 by its code); 500 when o is NULL. */
int cc__drill_reply(struct cc_resp *resp, int rc, const struct cc_error *err, int status,
		    json_t *o);

/* An attachment as lists show it: id, response, filename, mime, size, at. */
json_t *cc__drill_attachment_json(const struct cc_drill_attachment_rec *a);

/* Admins and analysts: who add scenarios and see all of them. */
bool cc__scenario_staff(const struct cc_principal *p);

/* What a caller sees of scenario id: 2 everything, 1 what was delivered
 * to them in the drills in *drills (their drills; free it), 0 nothing.
 * Under the store lock. */
int cc__scenario_access(struct cc_req *req, const char *id, struct cc_list *drills);

/* A wall time as ISO text, or null. */
json_t *cc__json_wall(double t);

#endif
