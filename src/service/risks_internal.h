/*
 * risks_internal.h - what the files of the risk service share (risks.c,
 * risk_input.c, risk_register.c, risk_json.c, risk_views.c,
 * risk_treat.c, risk_workshop.c, risk_import.c): the checks of a risk
 * body that name every bad field (not only the first, so that an import
 * can name every bad cell), and the writes that run inside a caller's
 * transaction. Not for use outside src/service.
 */
#ifndef CC_RISKS_INTERNAL_H
#define CC_RISKS_INTERNAL_H

#include "plans_internal.h"
#include "risks.h"

/* Where the checks report a bad value: the field and what is wrong. */
typedef void (*cc__bad_fn)(void *ud, const char *field, const char *msg);

/* What the checks of one assessment's inputs need: the matrix, the
 * taxonomies, parsed frameworks (for node links). Reports go to bad
 * (when set) and the first of them into first; nbad counts them. */
struct cc__risk_ctx {
	struct cc_store *s;
	const struct cc_matrix *m;
	struct cc_list terms;
	struct cc__fw_cache fws;
	bool names;                 /* levels and terms may be given by name or
				       in another case (spreadsheets) */
	cc__bad_fn bad;
	void *ud;
	struct cc_error first;
	int nbad;
	int fatal;                  /* CC_ENOMEM once something could not be held */
	struct cc_arena *keep;      /* where the terms found are copied (the
				       body being checked), so that they
				       outlive the context */
};

int cc__risk_ctx_open(struct cc__risk_ctx *c, struct cc_store *s, const struct cc_matrix *m,
		      struct cc_error *err);
void cc__risk_ctx_close(struct cc__risk_ctx *c);
/* Reports a bad field (printf-style message). */
void cc__risk_bad(struct cc__risk_ctx *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The status after checks: fatal, CC_EINPUT (err = the first report) or CC_OK. */
int cc__risk_status(const struct cc__risk_ctx *c, struct cc_error *err);

/* One phase's rating as given. */
struct cc__phase_in {
	bool given;                 /* the member is there (null too) */
	bool set;                   /* it holds a rating */
	int likelihood;
	int *impacts;               /* per dimension (-1: none), or [0] alone */
	const char *confidence, *rationale, *dissent;
	bool workshop;
	char *impacts_json;         /* the stored form, dimensions only */
};

/* A risk body as checked: rec's texts point into the body or the arena. */
struct cc__risk_in {
	struct cc_arena arena;
	struct cc_risk_rec rec;
	const char **sectors;
	int nsectors;
	const char **nodes;         /* framework, node pairs */
	int nnodes;
	struct cc__phase_in ph[CC_NPHASES];
};

void cc__risk_in_init(struct cc__risk_in *in);
void cc__risk_in_free(struct cc__risk_in *in);

/* Checks a whole risk body (create form; inherent and current required)
 * into in, reporting every bad field to c; then cc__risk_status. */
void cc__risk_parse(struct cc__risk_ctx *c, const json_t *body, struct cc__risk_in *in);
/* Checks one rating object v as phase field (the member's name, the
 * prefix of its reports). agreed: "workshop" and "dissent" are allowed. */
void cc__phase_parse(struct cc__risk_ctx *c, const json_t *v, const char *field, bool agreed,
		     struct cc_arena *ar, struct cc__phase_in *ph);
/* The rating record of a checked phase (texts point into ph and m). */
struct cc_rating_rec cc__phase_rec(const struct cc_matrix *m, const struct cc__phase_in *ph,
				   long long risk, int phase, const char *by);
/* Whether a stored rating says the same as a checked phase. */
bool cc__phase_same(const struct cc_rating_rec *stored, const struct cc_rating_rec *given);
/* A stored rating in its input form ({"likelihood", "impacts" | "impact",
 * "confidence", "rationale"}); NULL for none. */
json_t *cc__rating_input_json(const struct cc_rating_rec *r);

/* A stored rating resolved against the matrix (impacts in ar); unset
 * when it names a level the matrix does not have (which a frozen matrix
 * never allows). CC_ENOMEM when ar is full. */
int cc__rating_resolve(const struct cc_matrix *m, struct cc_arena *ar,
		       const struct cc_rating_rec *rec, struct cc_rated *out);
/* A resolved rating as the API shows it: likelihood, impact (the
 * highest), impacts (with dimensions), level, and the record's other
 * fields; JSON null when unset. */
json_t *cc__rated_json(const struct cc_matrix *m, const struct cc_rated *x);

/* The input form of a checked body, for the audit trail. */
json_t *cc__risk_in_json(const struct cc_matrix *m, const struct cc__risk_in *in);

/* Writes a checked risk (in->rec.key 0: new) with its lists and the
 * phases given, audited (before: the input form it had, or NULL); inside
 * the caller's transaction. *key gets the risk's key. */
int cc__risk_write(struct cc_store *s, const struct cc_register *reg, struct cc__risk_in *in,
		   json_t *before, const char *actor, long long *key, struct cc_error *err);

/* A free id "rN" for a new risk of reg into out[CC_RISK_ID_MAX + 1],
 * avoiding the taken[n] ids too. */
void cc__risk_new_id(const struct cc_register *reg, const char *const *taken, int n, char *out);

/* The audit entity of a risk (what NULL) or of something under it. */
void cc__risk_entity(char *buf, size_t size, const char *assessment, const char *risk,
		     const char *what, long long id);

#endif
