/*
 * risks.h - national cyber risk assessments (docs/risks.md for readers,
 * docs/api.md "Risk assessments" for the HTTP contract).
 *
 * An assessment belongs to one unit and a period and names a risk matrix
 * (core/matrix.h), frozen at the version (id + hash) it started with. A
 * risk is a scenario: title, reasonable worst case, sectors, threat,
 * actor type, owner, vulnerabilities (text, and framework nodes that
 * measure them), and up to three ratings (inherent, current, target),
 * each a likelihood and an impact per dimension (one impact for a matrix
 * without dimensions), with the level the matrix gives; treatments
 * (reduce, accept, share, avoid), one of which may become an action of
 * the unit's plan (plans.h) whose source link has kind "risk".
 *
 * Writes take the request's JSON object and check it here, so that the
 * server, the register import and the demo share one set of rules; a bad
 * value is CC_EINPUT with err->file naming the field ("inherent.impacts.
 * human", "sectors[1]"). Each write is one transaction that also appends
 * the change to the audit chain (entities "risk_assessment:A",
 * "risk:A/R", "risk:A/R/treatment:N", "risk_participant:A/N").
 *
 * Errors: CC_ENOTFOUND (assessment, risk, matrix, participant; the field
 * names which), CC_ECONFLICT (an id in use), CC_EINPUT (field named),
 * CC_ELIMIT (past the limits below). Who may is the caller's business
 * (auth.h cc_auth_risk).
 */
#ifndef CC_RISKS_H
#define CC_RISKS_H

#include <jansson.h>
#include <stdbool.h>

#include "../core/matrix.h"
#include "../format/risk_register.h"
#include "../store/store.h"

#define CC_RISK_ID_MAX 64
#define CC_RISK_TEXT_MAX 300            /* titles, owner, public title */
#define CC_RISK_LONG_MAX 20000          /* scenario, vulnerabilities, rationale */
#define CC_RISK_MAX_RISKS 1000          /* per assessment */
#define CC_RISK_MAX_SECTORS 50
#define CC_RISK_MAX_NODES 50
#define CC_RISK_MAX_TREATMENTS 100      /* per risk */
#define CC_TAXONOMY_MAX_TERMS 1000      /* per kind */

enum cc_phase { CC_PHASE_INHERENT, CC_PHASE_CURRENT, CC_PHASE_TARGET, CC_NPHASES };
extern const char *const cc_phase_names[CC_NPHASES];
/* The phase named s, or -1. */
int cc_phase_parse(const char *s);

/* ---- matrices and taxonomies (risk_data.c) ---- */

/* Validates a matrix file and stores its text; fills id (<= 128). */
int cc_service_add_matrix(struct cc_store *s, const char *path, char *id, size_t idlen,
			  struct cc_error *err);
/* Every NAME.yaml of dir in name order (as cc_service_add_frameworks_dir). */
int cc_service_add_matrices_dir(struct cc_store *s, const char *dir, int *count,
				struct cc_error *err);
/* Parses a stored matrix (hash NULL: the latest of id) into m. */
int cc_service_matrix(struct cc_store *s, const char *id, const char *hash,
		      struct cc_matrix *m, struct cc_error *err);
/* Replaces the taxonomies with dir/sectors.csv, threats.csv and
 * actors.csv (columns id and name; threats may add source), all three in
 * one transaction; *count: the terms loaded. A bad file is CC_EINPUT with
 * FILE:LINE. */
int cc_service_add_taxonomies(struct cc_store *s, const char *dir, int *count,
			      struct cc_error *err);

/* The matrix as the API shows it: id, title, hash (when given),
 * likelihood, impact {dimensions, levels}, levels, grid. */
json_t *cc_matrix_json(const struct cc_matrix *m, const char *hash);

/* ---- a register loaded whole (risk_register.c) ---- */

/* A rating resolved against the matrix: indices into its lists. */
struct cc_rated {
	bool set;
	int likelihood, impact, level;          /* impact: the highest given */
	int *impacts;                           /* per dimension (-1: none), or [0] alone */
	const struct cc_rating_rec *rec;
};

struct cc_risk_view {
	const struct cc_risk_rec *r;
	const char **sectors;
	int nsectors;
	const struct cc_risk_item_rec **nodes;
	int nnodes;
	struct cc_rated phase[CC_NPHASES];
	const struct cc_treatment_rec **treatments;
	int ntreatments;
};

struct cc_register {
	struct cc_list assessment, risks, sectors, nodes, ratings, treatments;
	const struct cc_risk_assessment_rec *a;
	struct cc_matrix m;
	struct cc_arena arena;
	struct cc_risk_view *v;                 /* per risk, by key */
	int n;
	int *order;                             /* indices into v, the spec's order of the
						   current rating (unrated last, by id) */
	int lang;                               /* the matrix's language shown (m.langs),
						   -1: its own; set by the caller */
};

/* The matrix as the register shows it: in reg->lang (core/matrix.h,
 * cc_matrix_in); the same ids and grid as reg->m. */
const struct cc_matrix *cc_register_matrix(const struct cc_register *reg);

/* Loads assessment id with its matrix and every risk. Free with
 * cc_register_free, also after an error. */
int cc_register_load(struct cc_store *s, const char *id, struct cc_register *reg,
		     struct cc_error *err);
void cc_register_free(struct cc_register *reg);
/* Index in reg->v of risk id, or -1. */
int cc_register_find(const struct cc_register *reg, const char *id);
/* The rating of phase p of risk i as core's struct (set must be true). */
struct cc_risk_rating cc_register_rating(const struct cc_register *reg, int i, int p);

/* ---- writes (risks.c, risk_treat.c) ---- */

/* POST /risk-assessments {"id", "unit", "title", "matrix", "start", "end"}:
 * the latest stored version of the matrix is frozen for it. */
int cc_risk_assessment_create(struct cc_store *s, const json_t *body, const char *actor,
			      struct cc_error *err);
/* PATCH {"title"?, "published"?}. */
int cc_risk_assessment_update(struct cc_store *s, const char *id, const json_t *body,
			      const char *actor, struct cc_error *err);

/* POST .../risks: the risk as docs/api.md says; id_out[CC_RISK_ID_MAX + 1]
 * gets its id (made "rN" when none is given). */
int cc_risk_create(struct cc_store *s, const char *assessment, const json_t *body,
		   const char *actor, char *id_out, struct cc_error *err);
/* PATCH .../risks/{r}: any member of the create body but id; a phase
 * given replaces that rating ("target": null removes it). */
int cc_risk_update(struct cc_store *s, const char *assessment, const char *risk,
		   const json_t *body, const char *actor, struct cc_error *err);
int cc_risk_delete(struct cc_store *s, const char *assessment, const char *risk,
		   const char *actor, struct cc_error *err);
/* PUT .../risks/{r}/ratings/{phase} {"likelihood", "impacts" | "impact",
 * "confidence"?, "rationale"?, "workshop"?, "dissent"?}: workshop true
 * records it as the rating agreed in the assessment's workshop, dissent
 * the note on the views that differed. */
int cc_risk_set_rating(struct cc_store *s, const char *assessment, const char *risk,
		       const char *phase, const json_t *body, const char *actor,
		       struct cc_error *err);

/* POST .../risks/{r}/treatments {"option", "justification", "plan"?,
 * "action"?: {"title", "owner", "due"}}: with plan and action, an action
 * of that plan (which must be the assessment's unit's), starting today
 * (an ISO date), under the plan's objective "Risk treatment" (made on
 * first use), with the source link {kind "risk", ref "A/R"} and the
 * risk's framework nodes as the nodes it addresses. *id: the treatment. */
int cc_risk_treat(struct cc_store *s, const char *assessment, const char *risk,
		  const json_t *body, const char *today, const char *actor, long long *id,
		  struct cc_error *err);

/* ---- JSON and views (risk_json.c, risk_views.c) ---- */

/* The assessment record; with_matrix adds the whole matrix. */
json_t *cc_register_assessment_json(const struct cc_register *reg, bool with_matrix);
json_t *cc_risk_assessment_json(const struct cc_risk_assessment_rec *a);
/* One risk, every field (the register team's view). */
json_t *cc_risk_json(const struct cc_register *reg, int i);
/* The input form of risk i (what POST takes), for updates. */
json_t *cc_risk_input_json(const struct cc_register *reg, int i);

/* Filters of the register (NULL: any); level is the current rating's. */
struct cc_risk_filter {
	const char *sector, *threat, *actor, *level, *owner;
};
/* Indices (in reg->order's order) of the risks that pass f into out (reg->n
 * entries); returns how many. */
int cc_register_filter(const struct cc_register *reg, const struct cc_risk_filter *f,
		       int *out);

/* GET .../heatmap: every cell with its count and risk ids; NULL on
 * memory failure. */
json_t *cc_register_heatmap_json(const struct cc_register *reg, int phase);
/* GET .../review-due: risks whose review date is before today (days,
 * core/date.h), most overdue first. */
json_t *cc_register_review_due_json(const struct cc_register *reg, int today);
/* GET .../treatment-gain: current vs target per risk, levels taken off,
 * counts per level before and after. */
json_t *cc_register_gain_json(const struct cc_register *reg);
/* GET .../sectors: per sector of the taxonomy (terms, struct
 * cc_term_rec of kind sector) with risks, the counts per current level. */
json_t *cc_register_sectors_json(const struct cc_register *reg, const struct cc_list *terms);
/* GET .../public: the public risks' public title, summary and current
 * level, and nothing else of any risk. */
json_t *cc_register_public_json(const struct cc_register *reg);
/* GET /taxonomies. */
json_t *cc_taxonomies_json(const struct cc_list *terms);

/* ---- the register as a file (risk_import.c; columns in docs/risks.md) ---- */

/* The table of reg (risks in the register's order) for
 * format/risk_register.h's writers; o's texts live in ar. */
int cc_register_export(struct cc_store *s, const struct cc_register *reg,
		       struct cc_reg_out *o, struct cc_arena *ar, struct cc_error *err);
/* POST .../register: a CSV (xlsx false; name: how errors call it) or a
 * workbook, all or nothing. A row with an id the register has updates
 * that risk (every phase as the row says: empty cells remove a target),
 * any other row adds one (an id made when none is given); risks not in
 * the file stay. Every bad cell goes to errs (initialised here) with its
 * sheet, row and column, and nothing is written: CC_EINPUT (err the
 * summary). *created and *updated count the risks. */
int cc_register_import(struct cc_store *s, const char *assessment, const char *data,
		       size_t len, bool xlsx, const char *name, const char *actor,
		       struct cc_xlsx_errors *errs, int *created, int *updated,
		       struct cc_error *err);

#endif
