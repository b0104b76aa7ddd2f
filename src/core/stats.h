/*
 * stats.h - the statistical audit of an index: does each group's set of
 * children hang together, and how is each leaf distributed? The checks are
 * those of the OECD/JRC Handbook on Constructing Composite Indicators (2008)
 * as the JRC's COINr applies them; rules, thresholds and sources are in
 * docs/audit-stats.md. Pure computation: no I/O (the report is
 * src/cli/cmd_audit_stats.c, the JSON src/format/audit_json.c).
 *
 * Data are node values in [0, 1] (not points), NaN meaning excluded. A
 * statistic that cannot be computed is NaN and carries a state saying why
 * (too few units, a variable that does not vary); callers print the state,
 * never the NaN.
 *
 * The low-level functions take a column with a stride, so that a node's
 * values in a cc_scores matrix ([unit * nnodes + node]) are read in place,
 * and skip NaN (pairwise complete). They need a cc_stats_work sized for
 * the number of rows. cc_stats_audit runs everything over a scored
 * framework; its result lives in one arena released by cc_stats_audit_free.
 */
#ifndef CC_STATS_H
#define CC_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "score.h"

/* Fewer units than this: "not enough data" (a correlation of 2 points is
 * always +-1; skewness needs 3). Kurtosis needs CC_STATS_MIN_KURT. */
#define CC_STATS_MIN_UNITS 3
#define CC_STATS_MIN_KURT 4
/* A group with more audited children than this gets correlations with its
 * parent but no sibling matrix, alpha or PCA (k x k memory, k^3 time). */
#define CC_STATS_MAX_ITEMS 500
/* Values closer than this (relative to max(1, |x|)) are equal: a range
 * within it is a constant variable, and ranks tie. Sums computed in a
 * different order differ in the last bits; they must not make a variable
 * vary or break a tie. */
#define CC_STATS_EPS 1e-12

/* Thresholds of the flags (docs/audit-stats.md gives the sources). */
#define CC_STATS_ALPHA_MIN 0.7      /* Cronbach's alpha below: flag */
#define CC_STATS_PC1_MIN 0.6        /* first component's share below: flag */
#define CC_STATS_SKEW_MAX 2.0       /* |skewness| above ... */
#define CC_STATS_KURT_MAX 3.5       /* ... and EXCESS kurtosis above: flag */
#define CC_STATS_REDUNDANT 0.92     /* correlation above: flag */
#define CC_STATS_REDUNDANT_MIN_ITEMS 3 /* child-parent redundancy needs this
					  many children (see the doc) */

/* Why a statistic has no value. */
enum cc_stats_state {
	CC_STATS_OK = 0,
	CC_STATS_FEW = 1,       /* fewer units (or children) than it needs */
	CC_STATS_CONSTANT = 2,  /* a variable does not vary over those units */
	CC_STATS_TOO_MANY = 3   /* more than CC_STATS_MAX_ITEMS children */
};

/* "ok", "not enough data", "constant: undefined", "too many children". */
const char *cc_stats_state_text(int state);

/* Flags, as bits; each follows one rule of cc_stats_rules. */
enum cc_stats_flag {
	CC_STATS_F_NEGATIVE = 1u << 0,  /* child: Pearson r with parent < 0 */
	CC_STATS_F_REDUNDANT = 1u << 1, /* child: r with parent > 0.92 */
	CC_STATS_F_COLLINEAR = 1u << 2, /* child: r with a sibling > 0.92 */
	CC_STATS_F_LOW_ALPHA = 1u << 3, /* group: alpha < 0.7 */
	CC_STATS_F_WEAK_PC1 = 1u << 4,  /* group: PC1 share < 60 % */
	CC_STATS_F_OUTLIERS = 1u << 5   /* leaf: |skew| > 2 and kurt > 3.5 */
};

struct cc_stats_rule {
	unsigned flag;
	const char *name;     /* short, for CSV and JSON: "negative-corr" */
	const char *rule;     /* the test in words */
	const char *source;   /* where the rule comes from */
};

/* The rules in a fixed order; cc_stats_nrules entries. */
extern const struct cc_stats_rule cc_stats_rules[];
extern const int cc_stats_nrules;

/* ---- low level ------------------------------------------------------- */

/* Scratch for series of up to cap rows. */
struct cc_stats_work {
	size_t cap;
	double *x, *y, *rx, *ry;
	size_t *idx;
};

/* CC_OK or CC_ENOMEM (then w is empty and cc_stats_work_free is a no-op). */
int cc_stats_work_init(struct cc_stats_work *w, size_t cap);
void cc_stats_work_free(struct cc_stats_work *w);

/* Average ranks (1-based; tied values share the mean of their positions,
 * ties as CC_STATS_EPS says) of x[0..n) into rank; idx is scratch of n. */
void cc_stats_rank(const double *x, size_t n, size_t *idx, double *rank);

struct cc_stats_corr {
	int n;            /* rows where both are present */
	int state;        /* OK, FEW (n < 3) or CONSTANT */
	double pearson;   /* NaN unless OK */
	double spearman;  /* Pearson r of the average ranks; NaN unless OK */
};

/* Pearson and Spearman correlation of x[i * xs] and y[i * ys], i < n,
 * over the rows where neither is NaN. n <= w->cap. */
void cc_stats_corr(struct cc_stats_work *w, const double *x, size_t xs,
		   const double *y, size_t ys, size_t n,
		   struct cc_stats_corr *out);

struct cc_stats_desc {
	int n;            /* values present */
	int state;        /* of skew and kurt: OK, FEW (n < 4), CONSTANT */
	double mean, min, max;  /* NaN when n == 0 */
	double sd;        /* sample (n - 1); NaN when n < 2 */
	double skew;      /* adjusted Fisher-Pearson G1 (Excel SKEW, COINr) */
	double kurt;      /* EXCESS kurtosis G2, bias-corrected (Excel KURT,
			     COINr): 0 for a normal sample; add 3 for the
			     non-excess scale */
	int distinct;     /* distinct values (as CC_STATS_EPS says) */
};

/* Descriptive statistics of x[i * stride], i < n, NaN skipped. n <=
 * w->cap. */
void cc_stats_describe(struct cc_stats_work *w, const double *x,
		       size_t stride, size_t n, struct cc_stats_desc *out);

/* Cronbach's alpha of k items over n complete rows: m is row-major n x k
 * without NaN. k/(k-1) (1 - sum of item variances / variance of the row
 * sums). *state: OK, FEW (n < 3 or k < 2) or CONSTANT (row sums do not
 * vary). Returns alpha or NaN. */
double cc_stats_cronbach(const double *m, size_t n, size_t k, int *state);

/* Pearson correlation matrix corr (k x k, row-major) of the columns of m
 * (n x k, no NaN). Returns OK; FEW when n < 3 (every entry NaN); or
 * CONSTANT when some column does not vary (its row and column are NaN
 * but for the diagonal, which is 1 everywhere). */
int cc_stats_corr_matrix(const double *m, size_t n, size_t k, double *corr);

/* Principal components of a k x k correlation matrix: eigen[0..k) gets the
 * eigenvalues, largest first; loading[0..k) the first eigenvector (unit
 * length; its sign makes the sum of loadings positive, or if that sum is 0
 * its first largest entry positive). *share = eigen[0] / k, the share of
 * the total variance of the standardised variables the first component
 * explains. Returns CC_OK or CC_ENOMEM. GSL allocates its workspace
 * itself and, being out of memory, calls its error handler (by default:
 * abort). */
int cc_stats_pca_corr(const double *corr, size_t k, double *eigen,
		      double *loading, double *share);

/* ---- the audit of a scored framework ---------------------------------- */

/* What a child of a group is for the audit. */
enum cc_stats_role {
	CC_STATS_IN = 0,      /* audited: enters correlations, alpha, PCA */
	CC_STATS_WEIGHT0 = 1, /* weight 0: does not enter its parent */
	CC_STATS_TEXT = 2     /* text question: never scored */
};

struct cc_stats_item {
	int node;
	int role;                     /* enum cc_stats_role */
	struct cc_stats_corr parent;  /* with the group's value (IN only) */
	bool leaf;                    /* question or indicator */
	struct cc_stats_desc desc;    /* leaves that are not text */
	unsigned flags;
};

struct cc_stats_pca {
	int n;            /* complete units used */
	int state;        /* OK, FEW, CONSTANT, TOO_MANY */
	double share;     /* eigen[0] / k */
	double *eigen;    /* [nin], largest first */
	double *loading;  /* [nin], first eigenvector */
	bool unique;      /* false when eigen[0] == eigen[1]: the first
			     component, and so the loadings, are not unique */
};

struct cc_stats_group {
	int node;
	int units;        /* units where the group has a value */
	int state;        /* OK; FEW: < 2 audited children or < 3 units */
	int nitems;       /* every child, in file order */
	struct cc_stats_item *items;
	int nin;          /* audited children ... */
	int *in;          /* ... as indices into items */
	/* Pearson and Spearman among audited children, pairwise complete:
	 * [a * nin + b] for a, b < nin; NULL when TOO_MANY or FEW. */
	struct cc_stats_corr *pairs;
	int complete;     /* units with every audited child present */
	int alpha_state;
	double alpha;     /* over the complete units */
	struct cc_stats_pca pca;  /* correlation matrix of the complete units */
	unsigned flags;   /* LOW_ALPHA, WEAK_PC1 */
};

struct cc_stats_audit {
	struct cc_arena arena;
	const struct cc_framework *fw;
	int nunits;
	int ngroups;                    /* every group node, in file order */
	struct cc_stats_group *groups;
	int nflags;                     /* flag bits set over all groups and
					   items (a collinear pair sets two) */
};

/* Audits s (values, not points). Returns CC_OK or CC_ENOMEM; on error out
 * is empty. Release with cc_stats_audit_free either way. */
int cc_stats_audit(struct cc_stats_audit *out, const struct cc_scores *s);
void cc_stats_audit_free(struct cc_stats_audit *a);

#endif
