/*
 * test_answer_writer.c - the batch of answer saves (service/answer_writer.h)
 * and the batch transaction under it (cc_store_begin_batch), on either
 * backend: saves queued at once are stored with one audit event each; a
 * save refused by its check (not a question, an answer the question does
 * not take, a submitted assessment) or by the database (a trigger the test
 * adds refuses the answer "boom") gets its own error and leaves the others
 * stored; on PostgreSQL, where a batch first sends its writes without
 * waiting, the refused write fails that attempt as a whole and the batch
 * is run again statement by statement. A batch transaction reads what it
 * wrote, and one whose write failed commits nothing. The read model's
 * version moves with what the servers' snapshot holds, not with answers.
 */
#include "campaign_fixture.h"

#include "service/answer_writer.h"
#include "service/service.h"
#include "service/workflow.h"
#include "store/store.h"

#include <pthread.h>

static const char framework_yaml[] =
	"cybercap: 1.1\nid: awfw\ntitle: Writer\n"
	"nodes:\n"
	"  - id: g\n    name: G\n    children:\n"
	"      - {id: tx, question: Text, type: text}\n"
	"      - {id: t2, question: Other text, type: text}\n"
	"      - {id: y1, question: Yes or no, type: yes_no}\n";

static const char units_csv[] = "iso3,name_en\nXAA,Fictional A\nXAB,Fictional B\nXAC,Fictional C\n";

/* "boom" refused by the answer's first write, "bang" by its second (the
 * history), once the first is done */
static const char boom_sqlite[] =
	"CREATE TRIGGER boom BEFORE INSERT ON answer WHEN NEW.answer = 'boom' "
	"BEGIN SELECT RAISE(ABORT, 'boom refused'); END; "
	"CREATE TRIGGER bang BEFORE INSERT ON answer_history WHEN NEW.answer = 'bang' "
	"BEGIN SELECT RAISE(ABORT, 'bang refused'); END";
static const char boom_pg[] =
	"CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
	"IF NEW.answer IN ('boom', 'bang') THEN RAISE EXCEPTION '% refused', NEW.answer; END IF; "
	"RETURN NEW; END $$; "
	"CREATE TRIGGER boom BEFORE INSERT ON answer FOR EACH ROW WHEN (NEW.answer = 'boom') "
	"EXECUTE FUNCTION boom(); "
	"CREATE TRIGGER bang BEFORE INSERT ON answer_history FOR EACH ROW "
	"WHEN (NEW.answer = 'bang') EXECUTE FUNCTION boom()";

static int setup(void **state)
{
	const char *const units[] = {"XAA", "XAB", "XAC"};
	struct fixture *fx = campaign_fixture("/tmp/cc-aw", framework_yaml, "awfw", units_csv,
					      units, 3);

	*state = fx;
	if (!fx)
		return -1;
	if (db_exec(fx->dir, db_on_pg() ? boom_pg : boom_sqlite) ||
	    db_exec(fx->dir, "UPDATE assessment SET status = 'submitted' WHERE unit_id = 'XAC'")) {
		fprintf(stderr, "setup: the trigger or the submitted assessment\n");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	return campaign_fixture_free(state);
}

/* Jobs told done, counted under a lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t told = PTHREAD_COND_INITIALIZER;
static int ndone;

static void done(struct cc_answer_job *job)
{
	(void)job;
	pthread_mutex_lock(&lock);
	ndone++;
	pthread_cond_signal(&told);
	pthread_mutex_unlock(&lock);
}

static int count(struct fixture *fx, const char *sql)
{
	return db_int(fx->dir, sql);
}

/* Thirteen saves queued at once, five of them refused, each for its own
 * reason; the eight others stored, each with its audit event. */
static void batch_keeps_the_good_saves(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *unit, *question, *answer;
		int rc;
	} want[] = {
		{"XAA", "tx", "first", CC_OK},
		{"XAB", "tx", "boom", -1},              /* the database refuses it */
		{"XAA", "y1", "yes", CC_OK},
		{"XAB", "y1", "no", CC_OK},
		{"XAB", "t2", "bang", -1},              /* refused after its first write */
		{"XAA", "nope", "yes", CC_ENOTFOUND},   /* no such question */
		{"XAB", "tx", "second", CC_OK},
		{"XAA", "y1", "maybe", CC_EINPUT},      /* yes_no takes yes or no */
		{"XAC", "tx", "late", CC_ECONFLICT},    /* the assessment is submitted */
		{"XAA", "tx", "third", CC_OK},
		{"XAB", "y1", "yes", CC_OK},
		{"XAA", "y1", "no", CC_OK},
		{"XAB", "tx", "fourth", CC_OK},
	};
	enum { N = sizeof(want) / sizeof(want[0]) };
	struct cc_answer_job jobs[N];
	struct cc_answer_writer *w;
	struct cc_error err;
	long long bad, events, batches, saves;
	int audit_before = count(fx, "SELECT count(*) FROM audit_event");

	assert_int_equal(cc_answer_writer_open(&w, fx->dir, &err), CC_OK);
	ndone = 0;
	for (int i = 0; i < N; i++) {
		jobs[i] = (struct cc_answer_job){.campaign = "w", .unit = want[i].unit,
			.question = want[i].question, .answer = want[i].answer, .comment = "",
			.actor = "fp@example.org", .done = done};
		cc_answer_writer_submit(w, &jobs[i]);
	}
	pthread_mutex_lock(&lock);
	while (ndone < N)
		pthread_cond_wait(&told, &lock);
	pthread_mutex_unlock(&lock);
	cc_answer_writer_stats(w, &batches, &saves);
	cc_answer_writer_close(w);

	for (int i = 0; i < N; i++) {
		if (want[i].rc == -1)
			assert_int_not_equal(jobs[i].rc, CC_OK);
		else if (jobs[i].rc != want[i].rc)
			fail_msg("save %d (%s %s %s): rc %d (%s), expected %d", i, want[i].unit,
				 want[i].question, want[i].answer, jobs[i].rc, jobs[i].err.msg, want[i].rc);
	}
	assert_non_null(strstr(jobs[1].err.msg, "boom refused"));
	assert_non_null(strstr(jobs[4].err.msg, "bang refused"));
	assert_int_equal(saves, N);
	/* the last of each (unit, question) stands; every good save in the history */
	assert_int_equal(count(fx, "SELECT count(*) FROM answer_history"), 8);
	assert_int_equal(count(fx, "SELECT count(*) FROM answer WHERE campaign_id = 'w' AND "
			 "((unit_id = 'XAA' AND question = 'tx' AND answer = 'third') OR "
			 "(unit_id = 'XAA' AND question = 'y1' AND answer = 'no') OR "
			 "(unit_id = 'XAB' AND question = 'y1' AND answer = 'yes') OR "
			 "(unit_id = 'XAB' AND question = 'tx' AND answer = 'fourth'))"), 4);
	assert_int_equal(count(fx, "SELECT count(*) FROM answer"), 4);    /* none for t2 */
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_event") - audit_before, 8);
	/* each audited with the answer it replaced, in the batch or before it */
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_event WHERE action = 'answer' AND "
			 "((after LIKE '%\"third\"%' AND before = '{\"answer\":\"first\"}') OR "
			 "(after LIKE '%\"fourth\"%' AND before = '{\"answer\":\"second\"}') OR "
			 "(after LIKE '%\"second\"%' AND before = '') OR "
			 "(entity = 'answer:w/XAA/y1' AND after LIKE '%\"no\"%' AND "
			 "before = '{\"answer\":\"yes\"}'))"), 4);
	assert_int_equal(cc_store_audit_verify(fx->s, &bad, &events, &err), CC_OK);
	assert_int_equal(bad, 0);
	/* the first answer of each assessment moved it on */
	assert_int_equal(count(fx, "SELECT count(*) FROM assessment WHERE status = 'in_progress'"), 2);
}

/* A batch transaction reads its own writes; a write that failed fails
 * the commit (at once on SQLite, at the latest at the commit on
 * PostgreSQL), and nothing of the transaction stays. */
static void batch_transaction_is_all_or_nothing(void **state)
{
	struct fixture *fx = *state;
	struct cc_answer_rec a = {.unit = "XAA", .question = "tx", .answer = "kept", .comment = ""};
	enum cc_campaign_status cs;
	char status[32], *before = NULL;
	struct cc_error err;
	int rc;

	assert_int_equal(cc_store_begin_batch(fx->s, &err), CC_OK);
	assert_int_equal(cc_store_put_answer(fx->s, "w", &a, "fp@example.org", &err), CC_OK);
	assert_int_equal(cc_store_answer_state(fx->s, "w", "XAA", "tx", &cs, status, sizeof(status),
					       &before, &err), CC_OK);
	assert_string_equal(before, "kept");
	free(before);
	assert_int_equal(cc_store_commit(fx->s, &err), CC_OK);

	assert_int_equal(cc_store_begin_batch(fx->s, &err), CC_OK);
	a.answer = "changed";
	rc = cc_store_put_answer(fx->s, "w", &a, "fp@example.org", &err);
	a.unit = "XAB";
	a.answer = "boom";
	if (!rc)
		rc = cc_store_put_answer(fx->s, "w", &a, "fp@example.org", &err);
	if (!rc)
		rc = cc_store_commit(fx->s, &err);
	assert_int_not_equal(rc, CC_OK);
	assert_non_null(strstr(err.msg, "boom refused"));
	cc_store_rollback(fx->s);

	/* nothing of it stayed, and the connection goes on as before */
	assert_int_equal(count(fx, "SELECT count(*) FROM answer WHERE answer IN ('changed', 'boom')"), 0);
	assert_int_equal(count(fx, "SELECT count(*) FROM answer WHERE answer = 'kept'"), 1);
	assert_int_equal(cc_workflow_answer(fx->s, "w", "XAB", "tx", "after", "", "fp@example.org",
					    &err), CC_OK);
	assert_int_equal(count(fx, "SELECT count(*) FROM answer WHERE answer = 'after'"), 1);
}

/* The read model's version (migration 0020) stays when answers are saved
 * and an assessment moves on, and moves when a campaign changes. */
static void read_model_version_moves_with_the_snapshot_only(void **state)
{
	struct fixture *fx = *state;
	struct cc_error err;
	long long v = cc_store_read_model_version(fx->s);

	assert_true(v > 0);     /* the setup made units, a framework, a campaign */
	assert_int_equal(cc_workflow_answer(fx->s, "w", "XAA", "tx", "one", "", "fp@example.org",
					    &err), CC_OK);
	assert_int_equal(count(fx, "SELECT count(*) FROM assessment WHERE status = 'in_progress'"), 1);
	assert_int_equal(cc_store_read_model_version(fx->s), v);
	assert_int_equal(cc_workflow_set_status(fx->s, "w", CC_CAMPAIGN_REVIEW, "t", &err), CC_OK);
	assert_true(cc_store_read_model_version(fx->s) > v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(batch_keeps_the_good_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(batch_transaction_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(read_model_version_moves_with_the_snapshot_only, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
