/*
 * drill_rules.c - the rules of play as tables (see drill_rules.h).
 */
#include "drill_rules.h"

#include <math.h>
#include <string.h>

static const char *const role_words[] = {"director", "controller", "evaluator", "player",
					 "observer"};

unsigned cc_drill_role_parse(const char *word)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(word, role_words[i]) == 0)
			return 1u << i;
	return 0;
}

const char *cc_drill_role_name(unsigned bit)
{
	for (int i = 0; i < 5; i++)
		if (bit == 1u << i)
			return role_words[i];
	return "";
}

/* Who may do each thing. */
static const unsigned allowed[CC_DRILL_NDO] = {
	[CC_DRILL_VIEW] = CC_DR_ANY,
	[CC_DRILL_CONTROL] = CC_DR_DIRECTOR | CC_DR_CONTROLLER,
	[CC_DRILL_TIMELINE] = CC_DR_STAFF,
	[CC_DRILL_EVALUATE] = CC_DR_DIRECTOR | CC_DR_EVALUATOR,
	[CC_DRILL_RESPOND] = CC_DR_PLAYER,
	[CC_DRILL_COMMCHECK] = CC_DR_PLAYER,
	[CC_DRILL_RESPONSES] = CC_DR_STAFF | CC_DR_PLAYER,
	[CC_DRILL_FEEDBACK] = CC_DR_ANY,
	[CC_DRILL_REPORT] = CC_DR_STAFF | CC_DR_OBSERVER,
	[CC_DRILL_IMPROVE] = CC_DR_DIRECTOR | CC_DR_EVALUATOR,
};

bool cc_drill_allows(unsigned roles, enum cc_drill_do what)
{
	return what < CC_DRILL_NDO && (roles & allowed[what]) != 0;
}

static const char *const kind_words[CC_EV_NKINDS] = {"inject", "delivery", "skip", "status",
						     "response", "commcheck"};

/* Who is told each kind of event (inject events: players of the team). */
static const unsigned told[CC_EV_NKINDS] = {
	[CC_EV_INJECT] = CC_DR_PLAYER,
	[CC_EV_DELIVERY] = CC_DR_STAFF | CC_DR_OBSERVER,
	[CC_EV_SKIP] = CC_DR_STAFF,
	[CC_EV_STATUS] = CC_DR_ANY,
	[CC_EV_RESPONSE] = CC_DR_STAFF,
	[CC_EV_COMMCHECK] = CC_DR_DIRECTOR | CC_DR_CONTROLLER,
};

int cc_drill_event_kind_parse(const char *word)
{
	for (int i = 0; i < CC_EV_NKINDS; i++)
		if (strcmp(word, kind_words[i]) == 0)
			return i;
	return -1;
}

const char *cc_drill_event_kind_name(enum cc_drill_event_kind k)
{
	return k < CC_EV_NKINDS ? kind_words[k] : "";
}

bool cc_drill_event_visible(enum cc_drill_event_kind k, const char *event_team,
			    unsigned roles, const char *player_team)
{
	if (k >= CC_EV_NKINDS || !(roles & told[k]))
		return false;
	if (k != CC_EV_INJECT)
		return true;
	return !event_team || (player_team && strcmp(event_team, player_team) == 0);
}

const char *const cc_drill_rating_words[4] = {"P", "S", "M", "U"};
const char *const cc_drill_rating_names[4] = {
	"Performed without challenges", "Performed with some challenges",
	"Performed with major challenges", "Unable to be performed",
};

int cc_drill_rating_parse(const char *word)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(word, cc_drill_rating_words[i]) == 0)
			return i;
	return -1;
}

/* The survey, in the project's own words: five statements to rate from 1
 * (strongly disagree) to 5 (strongly agree), and two open questions. */
const struct cc_feedback_question cc_feedback_questions[] = {
	{"realism", "The scenario felt realistic for my organisation.", CC_FQ_SCALE},
	{"objectives", "I understood what the drill set out to exercise.", CC_FQ_SCALE},
	{"injects", "The injects gave my team enough to act on.", CC_FQ_SCALE},
	{"learned", "I learned something I will use in my work.", CC_FQ_SCALE},
	{"prepared", "My organisation is better prepared after this drill.", CC_FQ_SCALE},
	{"went_well", "What went well?", CC_FQ_TEXT},
	{"change", "What should change next time?", CC_FQ_TEXT},
};
const int cc_nfeedback_questions =
	(int)(sizeof(cc_feedback_questions) / sizeof(cc_feedback_questions[0]));
const char *const cc_feedback_scale_names[5] = {
	"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
};

int cc_feedback_question(const char *id)
{
	for (int i = 0; i < cc_nfeedback_questions; i++)
		if (strcmp(id, cc_feedback_questions[i].id) == 0)
			return i;
	return -1;
}

void cc_feedback_tally_init(struct cc_feedback_tally *t)
{
	memset(t, 0, sizeof(*t));
	t->mean = NAN;
}

void cc_feedback_tally_add(struct cc_feedback_tally *t, int value)
{
	double sum = 0;

	if (value < CC_FEEDBACK_SCALE_MIN || value > CC_FEEDBACK_SCALE_MAX)
		return;
	t->counts[value - 1]++;
	t->n++;
	for (int i = 0; i < 5; i++)
		sum += (double)t->counts[i] * (i + 1);
	t->mean = sum / t->n;
}
