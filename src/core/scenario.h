/*
 * scenario.h - a drill scenario in memory (the contract is
 * ../shared/spec/scenario-format.md; reading it is
 * src/format/scenario_yaml.c): objectives, teams, the injects of the
 * master scenario events list and the technical challenges.
 *
 * A reader fills the arrays and the *_id references, then calls
 * cc_scenario_finish, which resolves every reference (`to`, `after`,
 * `objective`, `requires`), refuses duplicate ids and `after` loops, and
 * computes each inject's planned time and the timeline order. After finish
 * the scenario is read-only and may be shared between threads.
 *
 * Ownership: everything hangs off sc->arena (cc_scenario_free).
 */
#ifndef CC_SCENARIO_H
#define CC_SCENARIO_H

#include <stdbool.h>

#include "arena.h"
#include "error.h"

#define CC_SCENARIO_MAX_ITEMS 100000

enum cc_channel { CC_CH_EMAIL, CC_CH_PHONE, CC_CH_MEDIA, CC_CH_SOCIAL,
		  CC_CH_HANDOUT, CC_CH_SYSTEM };
enum cc_flag_type { CC_FLAG_STATIC, CC_FLAG_CASE_INSENSITIVE, CC_FLAG_REGEX };
enum cc_decay { CC_DECAY_LOGARITHMIC, CC_DECAY_LINEAR };

struct cc_ref {                 /* an id as written, and where */
	const char *id;
	int index;              /* resolved by finish, -1 before */
	long line, col;
};

struct cc_objective {
	const char *id, *name;
	const char **criteria;
	int ncriteria;
	const char *fw_id, *fw_node;    /* optional: the capability exercised */
	long line, col;
};

struct cc_team {
	const char *id, *name;
	long line, col;
};

struct cc_expect {
	const char *id, *text;
	struct cc_ref objective;        /* index -1 when none is given */
	bool has_objective;
	long line, col;
};

struct cc_inject {
	const char *id;
	double at;                      /* minutes of play */
	bool to_all;
	struct cc_ref *to;              /* teams, unless to_all */
	int nto;
	const char *from;               /* may be NULL */
	enum cc_channel channel;
	const char *title, *content;
	struct cc_expect *expects;
	int nexpects;
	const char *notes;              /* controllers only; may be NULL */
	bool has_after;
	struct cc_ref after;
	double planned;                 /* set by finish */
	long line, col;
};

struct cc_flag {
	enum cc_flag_type type;
	const char *value;              /* NULL when given as sha256 */
	char sha256[65];                /* lower-case hex, "" when given as value */
	long line, col;
};

struct cc_hint {
	const char *id, *text;
	double cost;
	long line, col;
};

struct cc_challenge {
	const char *id, *name, *category, *description;
	const char **files;             /* relative to the scenario file */
	int nfiles;
	bool dynamic;
	double value;                   /* fixed value */
	double initial, minimum, decay; /* dynamic */
	enum cc_decay function;
	struct cc_flag *flags;
	int nflags;
	struct cc_hint *hints;
	int nhints;
	int max_attempts;               /* 0: unlimited */
	struct cc_ref *requires;
	int nrequires;
	bool has_opens_at;
	double opens_at;
	long line, col;
};

struct cc_scenario;

/* The scenario in one language (its `translations` block, cybercap's
 * extension of the format; docs/scenario-format.md "Translations"): a
 * view with the same ids, numbers, times and order, whose texts are the
 * translation's where it gives them and the file's own elsewhere. */
struct cc_scenario_lang {
	const char *tag;
	const struct cc_scenario *sc;
	int untranslated;               /* texts left in the file's own language */
};

struct cc_scenario {
	struct cc_arena arena;          /* a view's is empty: the root owns all */
	const char *file;
	const char *id, *title, *description;
	struct cc_objective *objectives;
	int nobjectives;
	struct cc_team *teams;
	int nteams;
	struct cc_inject *injects;
	int ninjects;
	struct cc_challenge *challenges;
	int nchallenges;
	int *timeline;                  /* inject indices by planned, ties in file order */
	struct cc_scenario_lang *langs; /* the root's languages; NULL in a view */
	int nlangs;
};

int cc_scenario_init(struct cc_scenario *sc, const char *file);
void cc_scenario_free(struct cc_scenario *sc);
int cc_scenario_finish(struct cc_scenario *sc, struct cc_error *err);

/* A view of sc (finished) for a translation to fill: its own arrays
 * (objectives and their criteria, teams, injects and their expects,
 * challenges and their hints) in sc's arena, every text still sc's; NULL
 * when out of memory. */
struct cc_scenario *cc_scenario_view(struct cc_scenario *sc);
/* How many texts of view v are still the root's (non-empty ones). */
int cc_scenario_untranslated(const struct cc_scenario *root, const struct cc_scenario *v);
/* sc in language l of sc->langs; sc itself when l is -1. */
const struct cc_scenario *cc_scenario_in(const struct cc_scenario *sc, int l);
/* The tags of sc's languages (at most max) into tags; their count. */
int cc_scenario_lang_tags(const struct cc_scenario *sc, const char **tags, int max);

/* Index by id, or -1. */
int cc_scenario_team(const struct cc_scenario *sc, const char *id);
int cc_scenario_inject(const struct cc_scenario *sc, const char *id);
int cc_scenario_objective(const struct cc_scenario *sc, const char *id);
int cc_scenario_challenge(const struct cc_scenario *sc, const char *id);

/* Whether inject i goes to team t. */
bool cc_inject_to(const struct cc_inject *in, int team);

const char *cc_channel_name(enum cc_channel c);

/* Parses a time as the contract writes it: minutes (a number >= 0) or
 * parts "D+n H+n M+n" separated by spaces, each at most once. false when s
 * is in neither form or negative. */
bool cc_scenario_parse_time(const char *s, double *minutes);

#endif
