/*
 * skills_rules.c - the enrolment and pair lifecycles and the small-cell
 * rule (see skills_rules.h).
 */
#include "skills_rules.h"

#include <stddef.h>
#include <string.h>

const char *const cc_enrol_statuses[] = {
	"applied", "selected", "waitlisted", "rejected", "enrolled", "active", "completed",
	"withdrawn", "dropped", NULL
};

const char *const cc_pair_statuses[] = {
	"proposed", "accepted", "declined", "completed", "cancelled", NULL
};

struct move {
	const char *from, *to;
};

static const struct move enrol_moves[] = {
	{"applied", "selected"}, {"applied", "waitlisted"}, {"applied", "rejected"},
	{"applied", "withdrawn"}, {"waitlisted", "selected"}, {"waitlisted", "rejected"},
	{"waitlisted", "withdrawn"}, {"selected", "enrolled"}, {"selected", "withdrawn"},
	{"enrolled", "active"}, {"enrolled", "withdrawn"}, {"enrolled", "dropped"},
	{"active", "completed"}, {"active", "withdrawn"}, {"active", "dropped"},
};

static const struct move pair_moves[] = {
	{"proposed", "accepted"}, {"proposed", "declined"}, {"proposed", "cancelled"},
	{"accepted", "completed"}, {"accepted", "cancelled"},
};

static bool in(const char *const *set, const char *s)
{
	for (int i = 0; s && set[i]; i++)
		if (strcmp(set[i], s) == 0)
			return true;
	return false;
}

static bool allowed(const struct move *m, size_t n, const char *from, const char *to)
{
	for (size_t i = 0; from && to && i < n; i++)
		if (strcmp(m[i].from, from) == 0 && strcmp(m[i].to, to) == 0)
			return true;
	return false;
}

bool cc_enrol_status_valid(const char *status)
{
	return in(cc_enrol_statuses, status);
}

bool cc_enrol_move_ok(const char *from, const char *to)
{
	return allowed(enrol_moves, sizeof(enrol_moves) / sizeof(enrol_moves[0]), from, to);
}

bool cc_enrol_needs_reason(const char *to)
{
	static const char *const need[] = {"rejected", "withdrawn", "dropped", NULL};

	return in(need, to);
}

bool cc_enrol_holds_place(const char *status)
{
	static const char *const hold[] = {"selected", "enrolled", "active", NULL};

	return in(hold, status);
}

bool cc_enrol_takes_part(const char *status)
{
	static const char *const part[] = {"enrolled", "active", NULL};

	return in(part, status);
}

bool cc_pair_status_valid(const char *status)
{
	return in(cc_pair_statuses, status);
}

bool cc_pair_move_ok(const char *from, const char *to)
{
	return allowed(pair_moves, sizeof(pair_moves) / sizeof(pair_moves[0]), from, to);
}

bool cc_small_cell(long long n)
{
	return n >= 1 && n <= CC_SMALL_CELL_MAX;
}

int cc_secondary_suppress(const long long *n, bool *hidden, int count)
{
	int nhidden = 0, best = -1;

	for (int i = 0; i < count; i++)
		nhidden += hidden[i];
	if (nhidden != 1)
		return -1;
	for (int i = 0; i < count; i++)
		if (!hidden[i] && n[i] > 0 && (best < 0 || n[i] < n[best]))
			best = i;
	if (best >= 0)
		hidden[best] = true;
	return best;
}
