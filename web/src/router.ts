// History routing. Every view keeps all its state in the URL (path + query),
// so any view can be bookmarked, shared and restored.
//   /                     overview     ?campaign&node
//   /rankings             rankings     ?campaign&node&group&sort&dir
//   /units/{id}           profile      ?campaign
//   /compare              compare      ?campaign&units=A,B,C
//   /frameworks/{id}      framework    (?campaign to come back)
//   /robustness           robustness   ?campaign&vary=A;B&runs&audit
//   /trends               trends       ?framework&node&group&balanced=true&from&to (over time)
//   /crosswalks           crosswalks   ?target&mapping (what other frameworks cover of one)
//   /signin               signin       ?next (a path of this site)
//   /work                 mywork
//   /campaigns/{c}        campaign     (analysts: status and moves)
//   /campaigns/{c}/assessments/{unit}  questionnaire  ?section
//   /campaigns/{c}/review/{unit}       review         ?show
//   /campaigns/{c}/respond/{unit}      respond        ?section (a workshop respondent's own answers)
//   /campaigns/{c}/workshop/{unit}     workshop       ?section&show (the facilitator's)
//   /campaigns/{c}/maturity/{unit}     maturity       (published, or live for the team)
//   /campaigns/{c}/report/{unit}       report         (printable A4)
//   /password             password     ?token (choose a password from a one-time link)
//   /plans                plans        ?unit (the plans the caller may read)
//   /plans/new            plannew      ?unit
//   /plans/{p}            plan         ?status&owner&overdue
//   /plans/{p}/actions/{a|new}  planaction  ?objective
//   /plans/{p}/draft|services|monitoring|report  plandraft, planservices, planmonitoring, planreport (?period)
//   /drills               drills       (every drill the caller takes part in)
//   /drills/{d}           drill        ?feed=media (a player's inbox, or the control room)
//   /drills/{d}/evaluate  drillEvaluate (the evaluator's sheet)
//   /drills/{d}/report    drillReport  (the after-action report)
//   /drills/{d}/challenges   drillChallenges (a player's challenge board; staff: the editor)
//   /drills/{d}/scoreboard   drillScoreboard ?bracket&view=projector
//   /drills/{d}/submissions  drillSubmissions ?team&challenge&outcome (staff)
//   /risks                riskList     (the risk assessments the caller may read)
//   /risks/{a}            riskRegister ?sector&threat&status&owner&level (a risk register)
//   /risks/{a}/heatmap    riskHeatmap  ?phase&cell&view=table
//   /risks/{a}/sectors|treatment  riskSectors, riskGain (risks by sector, what treatment buys)
//   /risks/{a}/workshop   riskWorkshop ?phase&show (the facilitator's)
//   /risks/{a}/rate       riskRate     ?phase (a participant's own ratings)
//   /risks/{a}/public     riskPublic   (the public register)
//   /risks/{a}/report     riskReport   (printable A4)
//   /risks/{a}/risks/{r}  riskPage     (id a, unit r)
//   /partnerships         partners     (requests for support)
//   /partnerships/requests/{r}  partnersRequest (its matches and the country's decision)
//   /partnerships/requests/new  partnersNew  ?unit | ?action (drafted from a plan action)
//   /partnerships/offers|pledges|report  partnersOffers, partnersPledges, partnersReport (?year)
//   /partnerships/organisations/new  partnersOrgNew (the secretariat)
//   /partnerships/offers/new    partnersOfferNew ?partner
//   /partnerships/pledges/new   partnersPledgeNew ?match (from an accepted match)
//   /partnerships/pledges/{p}   partnersPledge (deliveries, statuses, the gap before and after)
//   /partnerships/countries/{unit}  partnersCountry (its requests, their matches, what it received)
//   /partnerships/partners/{org}    partnersPartner (its offers, their matches, its pledges)
//   /skills/me            skillsMe     (a participant's own record and consents)
//   /skills/{p}           skillsDashboard (a programme's dashboard)
//   /skills/{p}/cohorts|report  skillsCohorts, skillsReport (its cohorts; the printable report)
//   /skills/{p}/cohorts/{c}[/sessions|progress|mentoring]  skillsCohort, skillsSessions (?session), skillsProgress, skillsMentoring
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: 'overview' | 'rankings' | 'profile' | 'compare' | 'framework' | 'robustness' | 'trends' | 'crosswalks'
    | 'signin' | 'mywork' | 'campaign' | 'questionnaire' | 'review'
    | 'respond' | 'workshop' | 'maturity' | 'report' | 'password'
    | 'plans' | 'plannew' | 'plan' | 'planaction' | 'plandraft' | 'planservices' | 'planmonitoring' | 'planreport'
    | 'drills' | 'drill' | 'drillEvaluate' | 'drillReport' | 'drillChallenges' | 'drillScoreboard' | 'drillSubmissions'
    | 'riskList' | 'riskRegister' | 'riskHeatmap' | 'riskSectors' | 'riskGain' | 'riskWorkshop' | 'riskRate' | 'riskPublic' | 'riskReport' | 'riskPage'
    | 'partners' | 'partnersNew' | 'partnersRequest' | 'partnersOffers' | 'partnersPledges' | 'partnersReport' | 'partnersOrgNew' | 'partnersOfferNew' | 'partnersPledgeNew' | 'partnersPledge' | 'partnersCountry' | 'partnersPartner'
    | 'skillsMe' | 'skillsDashboard' | 'skillsCohorts' | 'skillsReport'
    | 'skillsCohort' | 'skillsSessions' | 'skillsProgress' | 'skillsMentoring' | 'notfound';
  id?: string;
  /** The unit of a questionnaire or a review (id is the campaign). */
  unit?: string;
  params: URLSearchParams;
  path: string;
}

/** /campaigns/{c}/WORD/{unit}: the page of one unit in one campaign. */
const UNIT_PAGES = new Map<string, Route['page']>([
  ['assessments', 'questionnaire'], ['review', 'review'], ['respond', 'respond'],
  ['workshop', 'workshop'], ['maturity', 'maturity'], ['report', 'report'],
]);

/** /plans/{p}/WORD: the pages of one plan. */
const PLAN_PAGES = new Map<string, Route['page']>([
  ['draft', 'plandraft'], ['services', 'planservices'], ['monitoring', 'planmonitoring'], ['report', 'planreport'],
]);

/** /drills/{d}/WORD: the pages of one drill. */
const DRILL_PAGES = new Map<string, Route['page']>([
  ['evaluate', 'drillEvaluate'], ['report', 'drillReport'], ['challenges', 'drillChallenges'],
  ['scoreboard', 'drillScoreboard'], ['submissions', 'drillSubmissions'],
]);

/** /risks/{a}/WORD: the pages of one risk assessment. */
const RISK_PAGES = new Map<string, Route['page']>([
  ['heatmap', 'riskHeatmap'], ['sectors', 'riskSectors'], ['treatment', 'riskGain'], ['workshop', 'riskWorkshop'],
  ['rate', 'riskRate'], ['public', 'riskPublic'], ['report', 'riskReport'],
]);

/** /skills/{p}/WORD and /skills/{p}/cohorts/{c}/WORD. */
const SKILLS_PAGES = new Map<string, Route['page']>([['cohorts', 'skillsCohorts'], ['report', 'skillsReport']]);
const COHORT_PAGES = new Map<string, Route['page']>([
  ['sessions', 'skillsSessions'], ['progress', 'skillsProgress'], ['mentoring', 'skillsMentoring'],
]);

/** /partnerships/WORD. */
const PARTNER_PAGES = new Map<string, Route['page']>([
  ['offers', 'partnersOffers'], ['pledges', 'partnersPledges'], ['report', 'partnersReport'],
]);

/** /partnerships/WORD/new. */
const PARTNER_NEW = new Map<string, Route['page']>([
  ['organisations', 'partnersOrgNew'], ['offers', 'partnersOfferNew'], ['pledges', 'partnersPledgeNew'],
]);

export function parse(loc: { pathname: string; search: string }): Route {
  const params = new URLSearchParams(loc.search);
  const parts = loc.pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const path = loc.pathname;
  if (parts.length === 0) return { page: 'overview', params, path };
  if (parts[0] === 'rankings' && parts.length === 1) return { page: 'rankings', params, path };
  if (parts[0] === 'units' && parts.length === 2) return { page: 'profile', id: parts[1], params, path };
  if (parts[0] === 'compare' && parts.length === 1) return { page: 'compare', params, path };
  if (parts[0] === 'frameworks' && parts.length <= 2) return { page: 'framework', id: parts[1], params, path };
  if (parts[0] === 'robustness' && parts.length === 1) return { page: 'robustness', params, path };
  if (parts[0] === 'trends' && parts.length === 1) return { page: 'trends', params, path };
  if (parts[0] === 'crosswalks' && parts.length === 1) return { page: 'crosswalks', params, path };
  if (parts[0] === 'signin' && parts.length === 1) return { page: 'signin', params, path };
  if (parts[0] === 'work' && parts.length === 1) return { page: 'mywork', params, path };
  if (parts[0] === 'campaigns' && parts.length === 2) return { page: 'campaign', id: parts[1], params, path };
  if (parts[0] === 'drills' && parts.length === 1) return { page: 'drills', params, path };
  if (parts[0] === 'drills' && parts.length === 2) return { page: 'drill', id: parts[1], params, path };
  if (parts[0] === 'drills' && parts.length === 3 && DRILL_PAGES.has(parts[2])) return { page: DRILL_PAGES.get(parts[2])!, id: parts[1], params, path };
  if (parts[0] === 'risks' && parts.length === 1) return { page: 'riskList', params, path };
  if (parts[0] === 'risks' && parts.length === 2) return { page: 'riskRegister', id: parts[1], params, path };
  if (parts[0] === 'risks' && parts.length === 3 && RISK_PAGES.has(parts[2])) return { page: RISK_PAGES.get(parts[2])!, id: parts[1], params, path };
  if (parts[0] === 'risks' && parts.length === 4 && parts[2] === 'risks') return { page: 'riskPage', id: parts[1], unit: parts[3], params, path };
  if (parts[0] === 'skills' && parts.length === 2 && parts[1] === 'me') return { page: 'skillsMe', params, path };
  if (parts[0] === 'skills' && parts.length === 2) return { page: 'skillsDashboard', id: parts[1], params, path };
  if (parts[0] === 'skills' && parts.length === 3 && SKILLS_PAGES.has(parts[2])) return { page: SKILLS_PAGES.get(parts[2])!, id: parts[1], params, path };
  if (parts[0] === 'skills' && parts[2] === 'cohorts' && parts.length === 4) return { page: 'skillsCohort', id: parts[1], unit: parts[3], params, path };
  if (parts[0] === 'skills' && parts[2] === 'cohorts' && parts.length === 5 && COHORT_PAGES.has(parts[4])) {
    return { page: COHORT_PAGES.get(parts[4])!, id: parts[1], unit: parts[3], params, path };
  }
  if (parts[0] === 'password' && parts.length === 1) return { page: 'password', params, path };
  if (parts[0] === 'partnerships') {
    if (parts.length === 1) return { page: 'partners', params, path };
    if (parts.length === 2 && PARTNER_PAGES.has(parts[1])) return { page: PARTNER_PAGES.get(parts[1])!, params, path };
    if (parts.length === 3 && parts[1] === 'requests' && parts[2] === 'new') return { page: 'partnersNew', params, path };
    if (parts.length === 3 && parts[1] === 'requests' && /^\d+$/.test(parts[2])) return { page: 'partnersRequest', id: parts[2], params, path };
    if (parts.length === 3 && parts[2] === 'new' && PARTNER_NEW.has(parts[1])) return { page: PARTNER_NEW.get(parts[1])!, params, path };
    if (parts.length === 3 && parts[1] === 'pledges' && /^\d+$/.test(parts[2])) return { page: 'partnersPledge', id: parts[2], params, path };
    if (parts.length === 3 && parts[1] === 'countries') return { page: 'partnersCountry', id: parts[2], params, path };
    if (parts.length === 3 && parts[1] === 'partners') return { page: 'partnersPartner', id: parts[2], params, path };
  }
  if (parts[0] === 'plans') {
    if (parts.length === 1) return { page: 'plans', params, path };
    if (parts.length === 2) return parts[1] === 'new' ? { page: 'plannew', params, path } : { page: 'plan', id: parts[1], params, path };
    if (parts.length === 3 && PLAN_PAGES.has(parts[2])) return { page: PLAN_PAGES.get(parts[2])!, id: parts[1], params, path };
    if (parts.length === 4 && parts[2] === 'actions') return { page: 'planaction', id: parts[1], unit: parts[3], params, path };
  }
  if (parts[0] === 'campaigns' && parts.length === 4 && UNIT_PAGES.has(parts[2])) {
    return { page: UNIT_PAGES.get(parts[2])!, id: parts[1], unit: parts[3], params, path };
  }
  return { page: 'notfound', params, path };
}

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

/** Builds "/path?k=v" keeping only non-empty values; keeps ?lang across pages. */
export function href(path: string, params: Record<string, string | null | undefined> = {}): string {
  const s = new URLSearchParams();
  const lang = new URLSearchParams(location.search).get('lang');
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') s.set(k, v);
  if (lang && !s.has('lang')) s.set('lang', lang);
  const t = s.toString();
  return path + (t ? '?' + t : '');
}

export function navigate(url: string, opts: { replace?: boolean; focus?: boolean } = {}) {
  const cur = location.pathname + location.search;
  if (url === cur) return;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  pendingFocus = opts.focus !== false;
  notify();
}

/** Changes some query parameters of the current page (null removes). */
export function setParams(changes: Record<string, string | null | undefined>, replace = false) {
  const s = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') s.delete(k);
    else s.set(k, v);
  }
  const t = s.toString();
  navigate(location.pathname + (t ? '?' + t : ''), { replace, focus: false });
}

let pendingFocus = true;
/** Whether the page that is about to render should take focus (a new page, not a filter change). */
export function takeFocusFlag(): boolean {
  const f = pendingFocus;
  pendingFocus = true;
  return f;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location));
  useEffect(() => {
    const l = () => setRoute(parse(location));
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return route;
}

/** Click handler for in-app links: plain left clicks navigate without reload. */
export function onLinkClick(ev: MouseEvent) {
  const a = (ev.currentTarget as HTMLAnchorElement);
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  if (a.target && a.target !== '_self') return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  ev.preventDefault();
  navigate(url.pathname + url.search);
  window.scrollTo(0, 0);
}
