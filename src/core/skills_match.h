/*
 * skills_match.h - proposing mentor-mentee pairs in a cohort that a
 * coordinator can explain (docs/skills.md, "Mentoring").
 *
 * A mentor may take a mentee when they share a language and the mentor
 * has room (load < capacity). Among those, the pair scored highest goes
 * first: +3 per shared language (at most one counted), +2 when their
 * time zones are at most 3 hours apart (+1 up to 6), +2 per shared
 * stated goal, -1 per mentee the mentor has already; ties go to the
 * mentor with the lower load, then to the earlier mentor and mentee in
 * the input. Each proposed pair carries its reasons as sentences; a
 * mentee with no possible mentor gets the reason why. Greedy, not
 * optimal: the coordinator overrides what does not fit.
 */
#ifndef CC_SKILLS_MATCH_H
#define CC_SKILLS_MATCH_H

#define CC_MATCH_MAX_LIST 8
#define CC_MATCH_MAX_REASONS 5
#define CC_MATCH_REASON 160

struct cc_match_person {
	long long id;
	const char *langs[CC_MATCH_MAX_LIST];
	int nlangs;
	const char *goals[CC_MATCH_MAX_LIST];
	int ngoals;
	int utc_offset;         /* minutes */
	int load, capacity;     /* mentors: mentees already, at most */
};

struct cc_match_result {
	int mentor;             /* index into mentors, -1: unmatched */
	int mentee;             /* index into mentees */
	int score;
	char reasons[CC_MATCH_MAX_REASONS][CC_MATCH_REASON];
	int nreasons;
};

/* Proposes a mentor for every mentee it can: out[0..ne) in the order the
 * mentees were matched (unmatched ones last, mentor -1, one reason).
 * mentors[].load is updated. track names the cohort's track in the
 * reasons (NULL: none). Returns the number of pairs proposed. */
int cc_match_propose(struct cc_match_person *mentors, int nm,
		     const struct cc_match_person *mentees, int ne, const char *track,
		     struct cc_match_result *out);

#endif
