/*
 * skills_internal.h - what the skills*.c files share: field readers
 * (those of partners.h, the same conventions), the audit entry, and the
 * caller's place in a cohort. Not for use outside src/service.
 */
#ifndef CC_SKILLS_INTERNAL_H
#define CC_SKILLS_INTERNAL_H

#include "partners.h"
#include "skills.h"

#define CC_SK_TEXT_MAX 300

/* An id field: 1 to 64 of a-z, 0-9, '-', '_', '.'. */
int cc__sk_id(const json_t *body, const char *name, bool optional, const char **out,
	      struct cc_error *err);
/* An integer field in [lo, hi]. */
int cc__sk_int(const json_t *body, const char *name, bool optional, long long lo,
	       long long hi, long long *out, struct cc_error *err);
/* Refuses every member of body not in allowed (NULL-terminated): CC_EINPUT
 * naming prefix.member. */
int cc__sk_only(const json_t *body, const char *const *allowed, const char *prefix,
		struct cc_error *err);
/* The audit entry of a change by c (after: JSON of obj, may be NULL). */
int cc__sk_audit(struct cc_store *s, const struct cc_scaller *c, const char *action,
		 const char *entity, const json_t *after, struct cc_error *err);
/* The same with after {"key": value} (value NULL: no after). */
int cc__sk_audit_kv(struct cc_store *s, const struct cc_scaller *c, const char *action,
		    const char *entity, const char *key, const char *value, struct cc_error *err);
const char *cc__sk_actor(const struct cc_scaller *c);
int cc__sk_forbidden(struct cc_error *err, const char *what);

/* The cohort (into *out, which the caller frees) when c may see it: the
 * programme's team, or (roles, a mask of CC_SK_*) one of those roles in
 * the cohort; *team tells which. */
enum { CC_SK_TRAINER = 1, CC_SK_MENTOR = 2, CC_SK_PARTICIPANT = 4 };
int cc__sk_cohort(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		  unsigned roles, struct cc_list *out, bool *team, struct cc_error *err);
/* Whether c's person takes part (enrolled or active) in cohort in role. */
bool cc__sk_in_cohort(struct cc_store *s, const struct cc_scaller *c, const char *cohort,
		      const char *role);
/* The enrolment and its cohort (both lists the caller frees); *team:
 * c is in the programme's team, *self: the enrolment is c's own. */
int cc__sk_enrolment(struct cc_store *s, const struct cc_scaller *c, long long id,
		     struct cc_list *e, struct cc_list *co, bool *team, bool *self,
		     struct cc_error *err);
/* An enrolment as JSON, with its person when person is not NULL (email
 * only when with_email). */
json_t *cc__sk_enrolment_json(const struct cc_senrol_rec *e, const struct cc_sperson_rec *p,
			      bool with_email);
json_t *cc__sk_pair_json(const struct cc_spair_rec *p);
/* Whether c's person holds enrolment id. */
bool cc__sk_holds(struct cc_store *s, const struct cc_scaller *c, long long id);
/* The person, consents and enrolments (skills_people.c). */
int cc__sk_person_json(struct cc_store *s, long long person, json_t **out, struct cc_error *err);
/* Whether the JSON array text holds the string v. */
bool cc__sk_has(const char *json_list, const char *v);
/* A JSON array text as a JSON value (an empty array when not JSON). */
json_t *cc__sk_list(const char *text);
/* The programme's knowledge checks as [{"module", "pass"}] (skills_knowledge.c). */
json_t *cc__sk_knowledge_checks(struct cc_store *s, const char *prog);

#endif
