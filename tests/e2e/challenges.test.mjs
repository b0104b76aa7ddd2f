// End-to-end test of a drill's technical challenges in the browser, with
// several teams at once in separate browser contexts. Through the API the
// demo's analyst uploads a scenario of this test's own (a zip with
// three challenges, a hint and a file) and creates a drill with teams red
// (two players, made with `cybercap user add`) and blue (one player), with
// the demo's drill director as its controller, who starts it. Then: a red player sees the board by category and is told a
// wrong flag is wrong; both red players submit the right flag at the same
// moment and exactly one solve is recorded (the other is told it is
// already solved); a hint is unlocked only after a confirmation (cancel
// returns focus), and the score falls by its cost; blue's scoreboard
// follows red's and blue's solves; blue runs out of attempts and is told
// it is locked; the director adds a challenge in the editor (errors first),
// edits another during play, hides one, awards a deduction with a reason, and reads wrong answers'
// text in the submissions log (a player may not); brackets get a board
// each, and after the freeze players see the board as it was (staff see it
// live); past the rate limit a
// player is told when the team may try again. axe-core finds no violation
// on each page; screenshots at desktop and phone width go to
// build/e2e-screenshots/challenges-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, apiSession, axe, expectFocus, launch, readLogins, shot } from './helpers.mjs';

const DATA = process.env.E2E_DATA, BIN = process.env.E2E_BIN;
const RUN = Date.now().toString(36);
const ID = 'e2e-ctf-' + RUN, SC = 'e2e-ctf-sc-' + RUN;
const DIR = 'director.drill@demo.cybercap';
const R1 = `red1-${RUN}@e2e.test`, R2 = `red2-${RUN}@e2e.test`, B1 = `blue1-${RUN}@e2e.test`;
const PW = 'e2e-ctf-password-' + RUN;
const WRONG = 'FLAG{just-a-guess}';
const SCENARIO = `cybercap-scenario: 1
id: ${SC}
title: E2E challenge drill (fictional)
objectives:
  - {id: detect, name: Detect the intrusion}
teams:
  - {id: red, name: Red CIRT}
  - {id: blue, name: Blue CIRT}
injects:
  - {id: i1, at: 0, to: [all], channel: email, title: Start, content: The challenges are open.}
challenges:
  - id: warmup
    name: Warm up
    category: intro
    description: The flag is in the evidence file.
    value: 100
    files: [files/evidence.txt]
    flags: [{type: static, value: "FLAG{warm-up}"}]
    hints: [{id: h1, text: Read the last line of the evidence file, cost: 30}]
  - id: dropper
    name: Find the dropper
    category: forensics
    description: Which file dropped the payload?
    dynamic: {initial: 500, minimum: 100, decay: 2, function: logarithmic}
    flags: [{type: case_insensitive, value: "FLAG{dropper-found}"}]
    max_attempts: 3
  - id: logs
    name: Read the logs
    category: logs
    description: Which address scanned the servers?
    value: 200
    flags: [{type: static, value: "FLAG{10.0.0.66}"}]
`;

let logins, ctx = {}, pages = {}, director;

// ---- a zip of stored entries (the scenario and its file) ----
const CRC = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (b) => { let c = 0xffffffff; for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function zip(entries) {
  const parts = [], central = [];
  let off = 0;
  for (const [name, text] of entries) {
    const n = Buffer.from(name), d = Buffer.from(text), crc = crc32(d);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(d.length, 18); h.writeUInt32LE(d.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(d.length, 20); c.writeUInt32LE(d.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(off, 42);
    parts.push(h, n, d); central.push(c, n);
    off += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...parts, cd, end]);
}

async function ready(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}
async function go(page, path) { await page.goto(BASE + path, { waitUntil: 'domcontentloaded' }); await ready(page); }
async function signIn(page, email) {
  await go(page, '/signin');
  await page.fill('#email', email);
  await page.fill('#password', logins[email]);
  await page.click('main button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}
async function noViolations(page, what) {
  const v = await axe(page);
  assert.deepEqual(v, [], what + ': ' + JSON.stringify(v, null, 1));
}
async function shots(page, name) {
  await shot(page, 'challenges-' + name);
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'challenges-' + name + '-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
}
const card = (page, c) => page.locator(`.ch-card[data-challenge="${c}"]`);
async function submit(page, c, flag) {
  await card(page, c).locator('input.input').fill(flag);
  await card(page, c).locator('button[type=submit]').click();
}
const boardApi = async () => (await director('GET', `/drills/${ID}/scoreboard`)).json;
const scoreOf = (b, team) => b.teams.find((x) => x.team === team)?.score;

before(async () => {
  assert.ok(DATA && BIN, 'E2E_DATA and E2E_BIN are set (tests/e2e/run.sh sets them)');
  logins = readLogins(DATA);
  const dir = mkdtempSync(join(tmpdir(), 'cybercap-e2e-ctf-'));
  try {
    writeFileSync(join(dir, 'pw'), PW + '\n');
    for (const [email, name] of [[R1, 'Rana (red, fictional)'], [R2, 'Rui (red, fictional)'], [B1, 'Bea (blue, fictional)']]) {
      execFileSync(BIN, ['user', 'add', '--data', DATA, '--email', email, '--name', name, '--password-file', join(dir, 'pw')], { stdio: 'pipe' });
      logins[email] = PW;
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
  director = await apiSession(DIR, logins[DIR]);
  // The analyst brings the scenario (a zip) and creates the drill, with the demo's director as its controller.
  const AN = 'analyst@demo.cybercap', analyst = await apiSession(AN, logins[AN]);
  const sessionCookie = await fetch(BASE + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: AN, password: logins[AN] }) });
  const cookie = sessionCookie.headers.get('set-cookie').split(';')[0], { csrf_token: csrf } = await sessionCookie.json();
  let r = await fetch(BASE + '/api/v1/scenarios', {
    method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/zip', Accept: 'application/json' },
    body: zip([['pack/ctf.yaml', SCENARIO], ['pack/files/evidence.txt', 'Evidence (fictional)\nFLAG{warm-up}\n']]),
  });
  assert.equal(r.status, 201, await r.text());
  r = await analyst('POST', '/drills', {
    id: ID, scenario: SC, title: `Challenge drill test (${RUN})`, speed: 1,
    teams: { red: { players: [R1, R2] }, blue: { players: [B1] } }, controllers: [DIR],
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  r = await director('POST', `/drills/${ID}/status`, { status: 'running' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  for (const [k, email] of Object.entries({ dir: DIR, r1: R1, r2: R2, b1: B1 })) {
    ctx[k] = await launch();
    pages[k] = ctx[k].context.pages()[0] || await ctx[k].context.newPage();
    await signIn(pages[k], email);
  }
});

after(async () => { for (const c of Object.values(ctx)) await c.close(); });

test('a player finds the challenges from My work and the drill; the board by category; a wrong flag is named', async () => {
  const p = pages.r1;
  await go(p, '/work');
  await p.waitForSelector(`.card[data-drill="${ID}"] a:has-text("Challenges")`);
  await noViolations(p, 'my work with a drill');
  await go(p, `/drills/${ID}`);
  await p.click('.ch-track a:has-text("Challenges")');
  await p.waitForSelector('.ch-card');
  await ready(p);
  assert.deepEqual(await p.$$eval('.ch-cat h2', (l) => l.map((e) => e.textContent)), ['intro', 'forensics', 'logs']);
  assert.match(await card(p, 'warmup').textContent(), /100 points/);
  assert.match(await card(p, 'dropper').textContent(), /3 attempts left/);
  const file = await card(p, 'warmup').locator('.ch-files a').getAttribute('href');
  const f = await p.evaluate(async (u) => { const r = await fetch(u); return [r.status, await r.text()]; }, file);
  assert.deepEqual(f, [200, 'Evidence (fictional)\nFLAG{warm-up}\n'], 'the file downloads');
  await card(p, 'warmup').locator('button[type=submit]').click();
  await card(p, 'warmup').locator('.field-error:has-text("Enter the flag")').waitFor();
  await submit(p, 'warmup', WRONG);
  await card(p, 'warmup').locator('.field-error:has-text("That flag is not right")').waitFor();
  assert.equal(await card(p, 'warmup').locator('input.input').getAttribute('aria-invalid'), 'true');
  await noViolations(p, 'challenge board with a wrong flag');
  await shots(p, 'board-wrong');
});

test('two players of one team send the right flag at once: one solve, the other told it is solved', async () => {
  await go(pages.r2, `/drills/${ID}/challenges`);
  await card(pages.r1, 'dropper').locator('input.input').fill('flag{DROPPER-found}');
  await card(pages.r2, 'dropper').locator('input.input').fill('FLAG{dropper-found}');
  await Promise.all([pages.r1, pages.r2].map((p) => card(p, 'dropper').locator('button[type=submit]').click()));
  const said = await Promise.all([pages.r1, pages.r2].map(async (p) => {
    await card(p, 'dropper').locator('.ch-said').waitFor();
    return card(p, 'dropper').locator('.ch-said').textContent();
  }));
  assert.equal(said.filter((s) => /^Correct: your team scores 500 points/.test(s)).length, 1, JSON.stringify(said));
  assert.equal(said.filter((s) => /already solved/.test(s)).length, 1, JSON.stringify(said));
  for (const p of [pages.r1, pages.r2]) await card(p, 'dropper').locator('.tag:has-text("Solved")').waitFor();
  const subs = (await director('GET', `/drills/${ID}/submissions?team=red`)).json.submissions.filter((s) => s.challenge === 'dropper');
  assert.equal(subs.filter((s) => s.outcome === 'correct').length, 1, JSON.stringify(subs));
  assert.equal(scoreOf(await boardApi(), 'red'), 500);
});

test('a hint is unlocked after a confirmation; its cost comes off the score', async () => {
  const p = pages.r1;
  const unlock = card(p, 'warmup').locator('.ch-hints button');
  assert.match(await unlock.textContent(), /Unlock hint 1 \(30 points\)/);
  await unlock.click();
  await card(p, 'warmup').locator('[role=alertdialog]:has-text("your score becomes 470 points")').waitFor();
  await expectFocus(p, '.ch-confirm', 'the confirmation takes focus');
  await noViolations(p, 'hint confirmation');
  await shot(p, 'challenges-hint-confirm');
  await p.click('button:has-text("No, keep the points")');
  await expectFocus(p, '.ch-card[data-challenge="warmup"] .ch-hints button', 'cancel returns focus');
  assert.equal(await card(p, 'warmup').locator('.ch-hint p').count(), 0, 'not unlocked');
  assert.equal(scoreOf(await boardApi(), 'red'), 500, 'nothing paid on cancel');
  await unlock.click();
  await p.click('button:has-text("Yes, unlock for 30 points")');
  await card(p, 'warmup').locator('.ch-hint:has-text("Read the last line of the evidence file")').waitFor();
  await p.waitForSelector('[data-score]:has-text("470 points")');
  assert.equal(scoreOf(await boardApi(), 'red'), 470);
});

test('the scoreboard follows the teams live; the projector view', async () => {
  const board = await ctx.b1.context.newPage();
  await go(board, `/drills/${ID}/scoreboard`);
  await board.waitForSelector('tr[data-team="red"] [data-score]:has-text("470")');
  // a blue player reads the other team by its name, not its id
  assert.match(await board.textContent('[data-lead]'), /Red CIRT leads with 470 points/);
  assert.match(await board.textContent('tr[data-team="red"] th'), /^Red CIRT$/);
  // blue solves two in its own tab; its scoreboard follows
  const b = pages.b1;
  await go(b, `/drills/${ID}/challenges`);
  await submit(b, 'logs', 'FLAG{10.0.0.66}');
  await card(b, 'logs').locator('.ch-said:has-text("Correct")').waitFor();
  await submit(b, 'dropper', 'FLAG{DROPPER-FOUND}');
  await card(b, 'dropper').locator('.ch-said:has-text("Correct")').waitFor();
  // dynamic value: the second solver brings both teams to 400
  await board.waitForSelector('tr[data-team="blue"] [data-score]:has-text("600")', { timeout: 25000 });
  await board.waitForSelector('tr[data-team="red"] [data-score]:has-text("370")', { timeout: 25000 });
  assert.deepEqual(await board.$$eval('.sb-table tbody tr', (l) => l.map((r) => r.dataset.team)), ['blue', 'red']);
  assert.match(await board.textContent('tr[data-team="red"]'), /1 first solve/, 'red solved dropper first');
  await board.waitForSelector('.chart svg[data-chart] path');
  assert.match(await board.textContent('.sb-firsts'), /Red CIRT solved Find the dropper first/);
  await noViolations(board, 'scoreboard');
  await shots(board, 'scoreboard');
  await board.click('.chart button:has-text("Table")');
  assert.deepEqual(await board.$$eval('.chart-table tbody tr', (l) => l.map((r) => [...r.querySelectorAll('td')].slice(-2).map((x) => x.textContent))),
    [['0', '500'], ['0', '470'], ['200', '470'], ['600', '370']], 'the table of the chart (blue, red)');
  await noViolations(board, 'scoreboard, table view');
  await shot(board, 'challenges-scoreboard-table');
  await board.click('a:has-text("projector view")');
  await board.waitForSelector('.sb-projector tr[data-team="blue"]');
  assert.equal(await board.locator('.site-header').count(), 0, 'no site header on the projector');
  await noViolations(board, 'projector view');
  await shots(board, 'projector');
  await board.close();
});

test('the director adds, hides a challenge and deducts points with a reason; the submissions log', async () => {
  const d = pages.dir;
  await go(d, `/drills/${ID}`);
  await d.click('.ch-track a:has-text("Challenge editor")');
  await d.waitForSelector('.ce-table');
  await ready(d);
  await noViolations(d, 'challenge editor');
  await d.click('button:has-text("Add a challenge")');
  await expectFocus(d, '#ce-form-title', 'the form takes focus');
  await d.click('button:has-text("Add the challenge")');
  await d.waitForSelector('.error-summary a[href="#ce-id"]');
  await expectFocus(d, '.error-summary', 'the error summary takes focus');
  await noViolations(d, 'editor with errors');
  await shots(d, 'editor-errors');
  await d.fill('#ce-id', 'twotries');
  await d.fill('#ce-name', 'Two tries');
  await d.fill('#ce-category', 'misc');
  await d.fill('#ce-value', '50');
  await d.fill('#ce-flags', 'FLAG{two}');
  await d.fill('#ce-max_attempts', '2');
  await d.click('button:has-text("Add the challenge")');
  await d.waitForSelector('.panel-success:has-text("“Two tries” is added")');
  await d.waitForSelector('tr[data-challenge="twotries"]');
  await shots(d, 'editor');
  // edited during play: the value of "Read the logs"
  await d.click('tr[data-challenge="logs"] button:has-text("Edit")');
  await expectFocus(d, '#ce-form-title', 'the edit form takes focus');
  assert.equal(await d.inputValue('#ce-value'), '200');
  await d.fill('#ce-value', '250');
  await d.click('button:has-text("Save the changes")');
  await d.waitForSelector('.panel-success:has-text("“Read the logs” is saved")');
  await d.waitForSelector('tr[data-challenge="logs"] td:has-text("250 points")');
  // blue is locked out of it after two wrong answers
  const b = pages.b1;
  await go(b, `/drills/${ID}/challenges`);
  await submit(b, 'twotries', 'FLAG{one}');
  await card(b, 'twotries').locator('.field-error:has-text("1 attempt left")').waitFor();
  await submit(b, 'twotries', 'FLAG{three}');
  await card(b, 'twotries').locator('text=it is locked for your team').waitFor();
  await card(b, 'twotries').locator('.tag:has-text("Locked")').waitFor();
  await noViolations(b, 'a locked challenge');
  // hidden: the teams no longer see it
  await d.click('tr[data-challenge="twotries"] button:has-text("Hide")');
  await d.waitForSelector('tr[data-challenge="twotries"] .tag:has-text("Hidden")');
  const blue = await apiSession(B1, PW);
  assert.ok(!(await blue('GET', `/drills/${ID}/challenges`)).json.some((c) => c.id === 'twotries'), 'hidden from blue');
  // a deduction with a reason
  const before = scoreOf(await boardApi(), 'blue');
  await d.selectOption('#aw-team', 'blue');
  await d.fill('#aw-value', '-50');
  await d.click('button:has-text("Record it")');
  await d.waitForSelector('.error-summary a[href="#aw-reason"]');
  await d.fill('#aw-reason', 'Flag shared with another team');
  await d.click('button:has-text("Record it")');
  await d.waitForSelector('.panel-success:has-text("Blue CIRT loses 50 points")');
  await d.waitForSelector('tr[data-award]:has-text("Flag shared with another team")');
  assert.equal(scoreOf(await boardApi(), 'blue'), before - 50);
  await noViolations(d, 'editor after an award');
  // the submissions log: wrong answers' text for staff, never for a player
  await d.click('a:has-text("Submissions log")');
  await d.waitForSelector('.su-table');
  await d.waitForSelector(`.su-table tr[data-outcome="wrong"]:has-text("${WRONG}")`);
  await d.selectOption('#su-team', 'blue');
  await d.waitForFunction(() => [...document.querySelectorAll('.su-table tbody th')].every((e) => e.textContent === 'Blue CIRT'));
  await noViolations(d, 'submissions log');
  await shots(d, 'submissions');
  assert.equal((await blue('GET', `/drills/${ID}/submissions`)).status, 403, 'players may not read the log');
  assert.doesNotMatch(await pages.b1.textContent('main'), new RegExp(WRONG.replace(/[{}]/g, '\\$&')));
});

test('brackets have a board each; after the freeze players see the board as it was', async () => {
  // the director sets the freeze and the brackets on the challenge page
  const d = pages.dir;
  await go(d, `/drills/${ID}/challenges`);
  await d.fill('#bs-freeze', 'soon');
  await d.click('.bs-form button[type=submit]');
  await d.waitForSelector('#bs-freeze-error:has-text("whole number of minutes")');
  await noViolations(d, 'board settings with an error');
  await d.fill('#bs-freeze', '0');
  await d.fill('#bs-b-red', 'national');
  await d.fill('#bs-b-blue', 'sector');
  await d.click('.bs-form button[type=submit]');
  await d.waitForSelector('.bs-form .panel-success:has-text("freezes at H+0 M+00")');
  await shots(d, 'board-settings');
  const r = await director('GET', `/drills/${ID}/scoreboard`);
  assert.equal(r.json.freeze, 0, 'the freeze is saved');
  assert.deepEqual(Object.fromEntries(r.json.teams.map((x) => [x.team, x.bracket])), { red: 'national', blue: 'sector' });
  const p = pages.r1;
  await go(p, `/drills/${ID}/scoreboard`);
  await p.waitForSelector('.panel-warning:has-text("The board is frozen")');
  assert.match(await p.textContent('tr[data-team="red"]'), /national/);
  assert.equal(await p.textContent('tr[data-team="red"] [data-score]'), '0', 'as it was at the freeze');
  await p.click('.dr-tabs a:has-text("national")');
  await p.waitForSelector('h2:has-text("Bracket: national")');
  await p.waitForFunction(() => document.querySelectorAll('.sb-table tbody tr').length === 1);
  assert.equal(await p.getAttribute('.sb-table tbody tr', 'data-team'), 'red');
  await noViolations(p, 'frozen bracket board');
  await shots(p, 'scoreboard-frozen');
  await go(p, `/drills/${ID}/challenges`);
  await p.waitForSelector('.ch-frozen:has-text("frozen")');
  // staff see it live
  await go(d, `/drills/${ID}/scoreboard`);
  await d.waitForSelector('text=You see the live board');
  assert.equal(await d.locator('.panel-warning:has-text("The board is frozen")').count(), 0);
  assert.notEqual(await d.textContent('tr[data-team="red"] [data-score]'), '0');
});

test('past the rate limit a player is told when the team may try again', async () => {
  // ten wrong answers through the API reach the limit of ten a minute
  const red = await apiSession(R2, PW);
  for (let i = 0; i < 10; i++) {
    const r = await red('POST', `/drills/${ID}/challenges/logs/attempts`, { flag: 'FLAG{no-' + i + '}' });
    assert.ok(r.status === 200 || r.status === 429, JSON.stringify(r.json));
  }
  const p = pages.r1;
  await go(p, `/drills/${ID}/challenges`);
  await submit(p, 'logs', 'FLAG{one-more}');
  const msg = card(p, 'logs').locator('.field-error:has-text("Too many wrong answers")');
  await msg.waitFor();
  assert.match(await msg.textContent(), /may try again at \d\d:\d\d/);
  await card(p, 'logs').locator('.ch-wait:has-text("You may try again in")').waitFor();
  assert.ok(await card(p, 'logs').locator('button[type=submit]').isDisabled(), 'submit waits');
  await noViolations(p, 'rate limited');
  await shots(p, 'board-rate-limited');
  const expected = /(429|403) \((Too Many Requests|Forbidden)\)/;
  for (const c of Object.values(ctx)) {
    assert.deepEqual(c.errors.filter((x) => !/\/signin: console: .*401/.test(x) && !expected.test(x)), []);
  }
});

test('the after-action report of the finished demo drill has the technical results', async () => {
  // demo_ctf.c's past drill (the API suite checks the same figures by hand)
  const d = pages.dir;
  await go(d, '/drills/demo-ctf-done/report');
  await d.waitForSelector('#tech');
  const rows = (k) => d.$$eval('section[aria-labelledby="tech"] table', (ts, i) =>
    [...ts[i].querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim())), k);
  const board = await rows(0);
  assert.deepEqual(board.map((r) => [r[0], r[2], r[3]]), [['1', '1234', '5'], ['2', '734', '3'], ['3', '225', '2']]);
  assert.match(board[0][1], /Caelum/, 'teams by name');
  const per = await rows(1);
  assert.equal(per.length, 5, 'five challenges');
  const beacon = per.find((r) => /beacon/i.test(r[0]));
  assert.ok(beacon, JSON.stringify(per));
  assert.match(beacon[2], /H\+0 M\+12/, 'its first solve at minute 12');
  assert.equal(beacon[3], '2', 'two hints unlocked');
  // solves as evidence beside the tabletop ratings
  assert.match(await d.textContent('section[aria-labelledby="obj"]'), /Caelum/);
  await noViolations(d, 'after-action report with technical results');
  await shots(d, 'report-technical');
});
