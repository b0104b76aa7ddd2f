// End-to-end test of the skills programme pages (pages/skills/):
//   the coordinator, from My work, opens the programme's cohorts and a
//   cohort of its own (made through the API with a fresh id, so the file
//   runs again on the same server): selects an applicant; a move the
//   server refuses (the cohort is full) shows the server's error in the
//   summary, a rejection without a reason is stopped at the field; adds a
//   session and takes its attendance (present / absent for each person
//   enrolled or active, as the API then says); imports a progress CSV with
//   a bad row (named by its line); runs the matching, reads the proposed
//   pair's reasons and accepts it;
//   the demo's participant gives and withdraws a consent on their own page
//   (the reply says what withdrawal did), answers the reaction survey
//   (a missing answer is refused first) and sees their mentor; downloads
//   the survey's workbook through the page's link and sends it back (a
//   broken copy first: refused, the summary says why); rates a competency
//   before and after and, the page reloaded, sees both chosen.
// axe-core finds no violation on any page; screenshots go to
// build/e2e-screenshots/skills-*.png. One browser for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiSession, axeClean as clean, expectFocus, launch, readLogins, ready, shot, signIn } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const P = 'cyber-pathways';
const COORD = 'coordinator@fellowship.example';
const PARTICIPANT = 'p1.ir-africa@fellowship.example';
const STAMP = Date.now().toString(36);
const COHORT = 'e2e-' + STAMP;
let logins, browser, page, coord;
const ids = {};

async function ok(r, what) {
  assert.ok(r.status >= 200 && r.status < 300, `${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}
/** Waits until the page's status note says TEXT. */
async function noted(p, text) {
  await p.locator('[data-testid=sk-note]', { hasText: text }).first().waitFor({ timeout: 10000 });
}

async function enrol(name, role, statuses) {
  const e = await ok(await coord('POST', `/cohorts/${COHORT}/enrolments`, {
    person: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${STAMP}@e2e.example`, country: 'XAA', org_kind: 'cirt' },
    role, consents: ['participation'], languages: ['fr'], utc_offset: 60, goals: ['forensics'],
  }), 'enrol ' + name);
  for (const status of statuses) await ok(await coord('PATCH', `/enrolments/${e.id}`, { status }), `${name} -> ${status}`);
  return e.id;
}

before(async () => {
  logins = readLogins(DATA);
  coord = await apiSession(COORD, logins[COORD]);
  await ok(await coord('POST', `/programmes/${P}/cohorts`, {
    id: COHORT, edition: '2027', track: 'incident-response', name: `E2E cohort ${STAMP}`, region: 'Africa', language: 'fr', capacity: 2,
  }), 'the cohort');
  ids.mentor = await enrol(`Mentor Mira ${STAMP}`, 'mentor', ['selected', 'enrolled', 'active']);
  ids.ana = await enrol(`Ana ${STAMP}`, 'participant', ['selected', 'enrolled', 'active']);
  ids.bo = await enrol(`Bo ${STAMP}`, 'participant', []);
  ids.cy = await enrol(`Cy ${STAMP}`, 'participant', []);
  browser = await launch();
  page = await browser.context.newPage();
});
after(async () => { await browser?.close(); });

const row = (id) => page.locator(`tr[data-enrolment="${id}"]`);

test('the coordinator moves enrolments; the server\'s refusals show in the error summary', async () => {
  await signIn(page, COORD, logins[COORD], '/work');
  await page.locator('[data-testid=skills-work] a', { hasText: 'cohorts' }).click();
  await ready(page);
  await page.locator('[data-testid=sk-cohorts]').waitFor();
  await clean(page, 'cohorts');
  await shot(page, 'skills-cohorts');
  await page.locator('a', { hasText: `E2E cohort ${STAMP}` }).click();
  await page.locator('[data-testid=sk-enrolments]').waitFor();
  assert.match(await page.locator('main').innerText(), /1 of 2 places taken/);
  // Bo: applied -> selected
  await row(ids.bo).locator('select').selectOption('selected');
  await row(ids.bo).locator('button[type=submit]').click();
  await noted(page, `Bo ${STAMP}: now Selected`);
  await row(ids.bo).locator('.tag', { hasText: 'Selected' }).waitFor();
  // Cy: the cohort is full now (2 places): the server refuses with 409
  await row(ids.cy).locator('select').selectOption('selected');
  await row(ids.cy).locator('button[type=submit]').click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /full/i, 'the server\'s message');
  await expectFocus(page, '.error-summary', 'the summary after a refusal');
  // a rejection needs a reason: stopped at the field, nothing sent
  await row(ids.cy).locator('select').selectOption('rejected');
  await row(ids.cy).locator('button[type=submit]').click();
  await page.locator('.error-summary a', { hasText: 'Enter the reason' }).click();
  await expectFocus(page, `#en-${ids.cy}-reason`, 'the summary link leads to the reason');
  assert.equal(await page.locator(`#en-${ids.cy}-reason`).getAttribute('aria-invalid'), 'true');
  const cy = await ok(await coord('GET', `/enrolments/${ids.cy}`), 'Cy');
  assert.equal(cy.status, 'applied', 'nothing was sent');
  await page.fill(`#en-${ids.cy}-reason`, 'not eligible for this track');
  await row(ids.cy).locator('button[type=submit]').click();
  await noted(page, `Cy ${STAMP}: now Rejected`);
  await clean(page, 'cohort');
  await shot(page, 'skills-cohort');
});

test('the coordinator adds a session and takes its attendance', async () => {
  await page.locator('nav a', { hasText: 'Sessions and attendance' }).click();
  await page.locator('[data-testid=sk-new-session]').waitFor();
  await page.locator('[data-testid=sk-new-session] button[type=submit]').click();
  await page.locator('.error-summary a', { hasText: 'title' }).waitFor();
  await page.fill('#ns-title', 'Opening call');
  await page.fill('#ns-starts', '2027-02-03T14:00Z');
  await page.fill('#ns-minutes', '90');
  await page.locator('[data-testid=sk-new-session] button[type=submit]').click();
  await page.locator('[data-testid=sk-attendance]').waitFor();
  // for those enrolled or active: the mentor and Ana; Bo (selected) is not there
  assert.equal(await page.locator('[data-testid=sk-attendance] fieldset').count(), 2);
  await page.check(`#at-${ids.ana}-present`);
  await page.check(`#at-${ids.mentor}-excused`);
  await clean(page, 'attendance');
  await page.locator('[data-testid=sk-attendance] button[type=submit]').click();
  await noted(page, 'people recorded: 2');
  const c = await ok(await coord('GET', `/cohorts/${COHORT}`), 'the cohort');
  const s = c.sessions.find((x) => x.title === 'Opening call');
  assert.deepEqual(s.attendance, { [ids.ana]: 'present', [ids.mentor]: 'excused' });
  await page.locator('[data-testid=sk-sessions] td', { hasText: '1 of 2' }).waitFor();
  await shot(page, 'skills-sessions');
});

test('a progress import with a bad row names its line and saves nothing', async () => {
  await page.locator('nav a', { hasText: 'Progress import' }).click();
  await page.locator('[data-testid=sk-progress]').waitFor();
  const ana = `ana.${STAMP}.${STAMP}@e2e.example`;
  const csv = `email,module,completed_at,score\n${ana},M1,2027-03-01,80\nnobody@e2e.example,M1,2027-03-02,70\n`;
  await page.setInputFiles('#pg-file', { name: 'progress.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-testid=sk-progress] button[type=submit]').click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Line 3/, 'the bad row by its line');
  assert.doesNotMatch(await summary.innerText(), /Line 2/);
  await clean(page, 'progress');
  await shot(page, 'skills-progress');
});

test('the coordinator runs the matching, reads why and accepts the pair', async () => {
  await page.locator('nav a', { hasText: 'Mentoring' }).click();
  await page.locator('#sk-run').waitFor();
  await page.click('#sk-run');
  await page.locator('[data-testid=sk-match]').waitFor();
  await noted(page, 'Pairs proposed by the matching: 1');
  const pair = page.locator('.sk-pair[data-status=proposed]', { hasText: `Ana ${STAMP}` });
  await pair.waitFor();
  const why = await pair.innerText();
  assert.match(why, /shared language: fr/);
  assert.match(why, /shared goals: forensics/);
  await clean(page, 'mentoring');
  await pair.locator('button', { hasText: 'Accept' }).click();
  await noted(page, 'Accepted');
  await page.locator('.sk-pair[data-status=accepted]', { hasText: `Ana ${STAMP}` }).waitFor();
  const c = await ok(await coord('GET', `/cohorts/${COHORT}`), 'the cohort');
  assert.deepEqual(c.pairs.map((p) => [p.mentor, p.mentee, p.status]), [[ids.mentor, ids.ana, 'accepted']]);
  await shot(page, 'skills-mentoring');
});

test('the participant changes a consent and answers the reaction survey', async () => {
  await browser.context.clearCookies();
  await signIn(page, PARTICIPANT, logins[PARTICIPANT], '/skills/me');
  await page.locator('[data-testid=sk-me]').waitFor();
  const photos = page.locator('tr[data-purpose=photos]');
  await photos.locator('button', { hasText: 'Give consent' }).click();
  await photos.locator('td', { hasText: 'Given' }).waitFor();
  await photos.locator('button', { hasText: 'Withdraw consent' }).click();
  await photos.locator('td', { hasText: 'Not given' }).waitFor();
  await page.locator('[data-testid=sk-note]', { hasText: 'photo' }).first().waitFor();
  const form = page.locator('[data-testid=sk-survey-reaction_module]');
  await form.waitFor();
  const questions = form.locator('fieldset');
  const n = await questions.count();
  assert.equal(n, 5, 'the five rating questions of skills-reaction');
  const fresh = (await form.locator('input:checked').count()) === 0;   // a run before on this server answered
  for (let i = 0; i < n - 1; i++) await questions.nth(i).locator('label', { hasText: /^Agree$/ }).click();
  if (fresh) {
    await form.locator('button[type=submit]').click();
    await form.locator('.error-summary a', { hasText: 'recommend' }).waitFor();
  }
  await questions.nth(n - 1).locator('label', { hasText: 'Strongly agree' }).click();
  await form.locator('button[type=submit]').click();
  await page.locator('[data-testid=sk-note]', { hasText: 'your answers are saved (5)' }).waitFor();
  const me = await ok(await (await apiSession(PARTICIPANT, logins[PARTICIPANT]))('GET', '/skills/me'), 'me');
  const answers = me.enrolments.find((e) => e.role === 'participant').answers.reaction_module;
  assert.equal(answers['reaction.recommend'], 5);
  assert.equal(answers['reaction.satisfied'], 4);
  await page.locator('[data-testid=sk-my-pairs]', { hasText: 'Your mentor' }).waitFor();
  await clean(page, 'me');
  await shot(page, 'skills-me');
  assert.deepEqual(browser.errors.filter((e) => !/401|409|422/.test(e)), [], 'no script errors');
});

test('the participant downloads the survey workbook and sends it back; a broken copy is refused', async () => {
  // still signed in as the participant, on /skills/me (the test before)
  const form = page.locator('[data-testid=sk-workbook-reaction_module]');
  await form.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.locator('a[download]').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/, 'an xlsx file');
  const body = readFileSync(await download.path());
  assert.equal(body.subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  const file = form.locator('input[type=file]');
  // a broken copy (cut in half): refused, the summary says why, nothing saved
  await file.setInputFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: body.subarray(0, body.length >> 1) });
  await form.locator('button[type=submit]').click();
  const summary = form.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /not an Excel workbook \(\.xlsx\)/, 'the problem named');
  await expectFocus(page, '[data-testid=sk-workbook-reaction_module] .error-summary', 'the summary after a refusal');
  assert.equal(await file.getAttribute('aria-invalid'), 'true', 'the field marked');
  await clean(page, 'me, the refused workbook');
  await shot(page, 'skills-me-workbook-refused');
  // the one downloaded (the answers given so far): saved, the summary gone
  await file.setInputFiles({ name: 'reaction.xlsx', mimeType: 'application/octet-stream', buffer: body });
  await form.locator('button[type=submit]').click();
  await form.locator('[data-testid=sk-note]', { hasText: 'your answers are saved (5)' }).waitFor();
  assert.equal(await summary.count(), 0, 'no summary once saved');
  const me = await ok(await (await apiSession(PARTICIPANT, logins[PARTICIPANT]))('GET', '/skills/me'), 'me');
  const answers = me.enrolments.find((e) => e.role === 'participant').answers.reaction_module;
  assert.deepEqual([answers['reaction.recommend'], answers['reaction.satisfied']], [5, 4], 'the same answers');
  await clean(page, 'me, the saved workbook');
});

test('the participant rates a competency before and after; the page shows them again', async () => {
  const section = page.locator('[data-testid=sk-self]');
  await section.waitFor();
  const chosen = {};
  for (const kind of ['self_before', 'self_after']) {
    const form = section.locator(`[data-testid=sk-self-${kind}]`);
    const sets = form.locator('fieldset');
    assert.ok(await sets.count() > 0, 'the track\'s competencies');
    // the first competency: a level other than the one given before (the
    // demo's, or a run before on this server); the others as they are, or 3
    const now = await sets.first().locator('input:checked').getAttribute('value', { timeout: 500 }).catch(() => null);
    const level = now === null ? (kind === 'self_before' ? 2 : 4) : (Number(now) % 5) + 1;
    chosen[kind] = { name: await sets.first().locator('legend').innerText(), level };
    await sets.first().locator(`input[value="${level}"]`).check();
    for (let i = 1; i < await sets.count(); i++) {
      if (await sets.nth(i).locator('input:checked').count() === 0) await sets.nth(i).locator('input[value="3"]').check();
    }
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=sk-note]', { hasText: 'your answers are saved' }).waitFor();
  }
  await clean(page, 'me, the self-assessment');
  await page.reload({ waitUntil: 'networkidle' });
  await ready(page);
  for (const [kind, { name, level }] of Object.entries(chosen)) {
    const set = section.locator(`[data-testid=sk-self-${kind}] fieldset`, { has: page.locator('legend', { hasText: name }) });
    await set.waitFor();
    assert.equal(await set.locator('input:checked').getAttribute('value'), String(level), `${kind} pre-filled`);
  }
  const me = await ok(await (await apiSession(PARTICIPANT, logins[PARTICIPANT]))('GET', '/skills/me'), 'me');
  const e = me.enrolments.find((x) => x.role === 'participant');
  const comp = e.competencies[0].id;
  assert.deepEqual([e.answers.self_before[comp], e.answers.self_after[comp]], [chosen.self_before.level, chosen.self_after.level]);
  await clean(page, 'me, the self-assessment again');
  await shot(page, 'skills-me-self');
  assert.deepEqual(browser.errors.filter((x) => !/401|409|422/.test(x)), [], 'no script errors');
});

test('a sponsor reads the knowledge checks on the dashboard and in the report, small cells hidden', async () => {
  const SPONSOR = 'sponsor@fellowship.example';
  await browser.context.clearCookies();
  await signIn(page, SPONSOR, logins[SPONSOR], `/skills/${P}`);
  const table = page.locator('[data-testid=sk-knowledge]');
  await table.waitFor();
  const quiz1 = table.locator('tr', { hasText: 'Threat landscape quiz' });
  assert.match(await quiz1.innerText(), /70\s+32\s+72\s+56 %/, 'pass mark, N, mean, share passed');
  const quiz2 = table.locator('tr', { hasText: 'Incident handling quiz' });
  assert.match(await quiz2.innerText(), /60\s+fewer than 5\s+–\s+–/, 'three people: hidden, and their mean and share');
  await clean(page, 'dashboard (sponsor)');
  await table.scrollIntoViewIfNeeded();
  await shot(page, 'skills-dashboard-knowledge');
  await page.goto(`${page.url().replace(/\/skills\/.*$/, '')}/skills/${P}/report`, { waitUntil: 'networkidle' });
  const report = page.locator('[data-testid=rp-knowledge]');
  await report.waitFor();
  assert.match(await report.locator('tr', { hasText: 'Incident handling quiz' }).innerText(), /fewer than 5/);
  await clean(page, 'report (sponsor)');
  await shot(page, 'skills-report-knowledge', { fullPage: true });
  assert.deepEqual(browser.errors.filter((e) => !/401|409|422/.test(e)), [], 'no script errors');
});
