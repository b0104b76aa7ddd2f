/*
 * skills_rules.h - the rules of skills programmes that need no store:
 * which moves an enrolment and a mentoring pair may make, which moves
 * need a reason, and which counts are too small to show to anyone
 * outside the programme team (docs/skills.md).
 *
 * Enrolment: applied -> selected | waitlisted | rejected | withdrawn;
 * waitlisted -> selected | rejected | withdrawn; selected -> enrolled |
 * withdrawn; enrolled -> active | withdrawn | dropped; active ->
 * completed | withdrawn | dropped. rejected, completed, withdrawn and
 * dropped are final. rejected, withdrawn and dropped need a reason.
 *
 * Pair: proposed -> accepted | declined | cancelled; accepted ->
 * completed | cancelled; the others are final.
 */
#ifndef CC_SKILLS_RULES_H
#define CC_SKILLS_RULES_H

#include <stdbool.h>

#define CC_SMALL_CELL_MAX 4   /* counts 1..4 are suppressed */

extern const char *const cc_enrol_statuses[];   /* NULL-terminated */
extern const char *const cc_pair_statuses[];

bool cc_enrol_status_valid(const char *status);
/* Whether an enrolment may move from -> to. */
bool cc_enrol_move_ok(const char *from, const char *to);
/* Whether a move to status must give a reason. */
bool cc_enrol_needs_reason(const char *to);
/* Whether the enrolment holds a place or takes part: selected, enrolled,
 * active (attendance, progress and mentoring are for enrolled and
 * active people only: cc_enrol_takes_part). */
bool cc_enrol_holds_place(const char *status);
bool cc_enrol_takes_part(const char *status);

bool cc_pair_status_valid(const char *status);
bool cc_pair_move_ok(const char *from, const char *to);

/* Whether a count n must be hidden from someone outside the programme
 * team: 1 to CC_SMALL_CELL_MAX. Zero is shown (it identifies no one). */
bool cc_small_cell(long long n);

/* Secondary suppression of a line of count cells n[0..count) whose total
 * is shown: when exactly one cell is hidden (hidden[i]), the smallest
 * other cell above zero (the first of equals) is hidden too, so that the
 * hidden one cannot be worked out as the total less the others. Returns
 * the index hidden, or -1 when none had to be. */
int cc_secondary_suppress(const long long *n, bool *hidden, int count);

#endif
