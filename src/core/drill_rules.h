/*
 * drill_rules.h - who may do what in a drill, who is told which event, the
 * HSEEP rating scale and the participants' feedback survey: the rules of
 * play as plain tables, so that the service, the HTTP handlers and the
 * tests read the same ones (docs/drills.md says them in words).
 *
 * Roles are per drill (a person's membership, no platform grant): the
 * director (who created it), controllers, evaluators, players (of one
 * team) and observers. A person may hold several staff roles, never a
 * player's and another. Pure: no I/O.
 */
#ifndef CC_DRILL_RULES_H
#define CC_DRILL_RULES_H

#include <stdbool.h>

enum cc_drill_role {
	CC_DR_DIRECTOR = 1, CC_DR_CONTROLLER = 2, CC_DR_EVALUATOR = 4, CC_DR_PLAYER = 8,
	CC_DR_OBSERVER = 16
};
#define CC_DR_STAFF (CC_DR_DIRECTOR | CC_DR_CONTROLLER | CC_DR_EVALUATOR)
#define CC_DR_ANY (CC_DR_STAFF | CC_DR_PLAYER | CC_DR_OBSERVER)

/* The role's bit for a word (director, controller, evaluator, player,
 * observer), 0 for another word. */
unsigned cc_drill_role_parse(const char *word);
/* The word of one role bit. */
const char *cc_drill_role_name(unsigned bit);

enum cc_drill_do {
	CC_DRILL_VIEW,          /* the drill in one's own view, the event stream */
	CC_DRILL_CONTROL,       /* status, deliver now, skip, ad-hoc injects */
	CC_DRILL_TIMELINE,      /* what is due and delivered, notes and expectations */
	CC_DRILL_EVALUATE,      /* observations, ratings, expected actions met */
	CC_DRILL_RESPOND,       /* answer an inject delivered to one's team */
	CC_DRILL_COMMCHECK,     /* confirm receipt before the start */
	CC_DRILL_RESPONSES,     /* read responses: staff all, players their team's */
	CC_DRILL_FEEDBACK,      /* answer the survey after play */
	CC_DRILL_REPORT,        /* the after-action report */
	CC_DRILL_IMPROVE,       /* the improvement plan */
	CC_DRILL_NDO
};

/* Whether a person holding roles (bits) may do what. */
bool cc_drill_allows(unsigned roles, enum cc_drill_do what);

enum cc_drill_event_kind {
	CC_EV_INJECT, CC_EV_DELIVERY, CC_EV_SKIP, CC_EV_STATUS, CC_EV_RESPONSE,
	CC_EV_COMMCHECK, CC_EV_NKINDS
};

/* -1 for a word that is no kind. */
int cc_drill_event_kind_parse(const char *word);
const char *cc_drill_event_kind_name(enum cc_drill_event_kind k);

/* Whether a viewer holding roles (a player of player_team) is told an
 * event of kind k addressed to event_team (inject events: NULL for every
 * team). Players: the injects of their team and status changes; staff
 * and observers: deliveries and status changes; staff also skips and
 * responses; the director and controllers the communication check. */
bool cc_drill_event_visible(enum cc_drill_event_kind k, const char *event_team,
			    unsigned roles, const char *player_team);

/* The HSEEP rating of how a team performed an objective: P performed
 * without challenges, S with some challenges, M with major challenges, U
 * unable to be performed. Index 0..3, or -1 for another word. */
int cc_drill_rating_parse(const char *word);
extern const char *const cc_drill_rating_words[4];
extern const char *const cc_drill_rating_names[4];

/* ---- the participants' feedback survey (after play) ---- */

enum cc_feedback_type { CC_FQ_SCALE, CC_FQ_TEXT };

struct cc_feedback_question {
	const char *id, *text;
	enum cc_feedback_type type;     /* scale: a whole number 1..5, 5 best */
};

#define CC_FEEDBACK_SCALE_MIN 1
#define CC_FEEDBACK_SCALE_MAX 5
#define CC_FEEDBACK_TEXT_MAX 2000

extern const struct cc_feedback_question cc_feedback_questions[];
extern const int cc_nfeedback_questions;
extern const char *const cc_feedback_scale_names[5];

/* Index of a question by id, or -1. */
int cc_feedback_question(const char *id);

/* Counts of one scale question's answers; mean NaN when none. */
struct cc_feedback_tally {
	int n;
	int counts[5];
	double mean;
};

void cc_feedback_tally_init(struct cc_feedback_tally *t);
/* Adds an answer 1..5 (others are ignored) and updates the mean. */
void cc_feedback_tally_add(struct cc_feedback_tally *t, int value);

#endif
