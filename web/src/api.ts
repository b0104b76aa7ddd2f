// Thin client of the JSON API (docs/api.md). Responses are cached for the
// life of the page (published figures never change) so that moving between
// pages on a slow connection asks the server only once.
import type {
  Campaign, Framework, FrameworkInfo, Group, History, MappingDetail, MappingSummary, Movers, Results, Summary, Targets, Trends, Unit, UnitResult,
} from './types';
import { currentLang } from './i18n';
import { groupLabel } from './format';
import { linkScales } from './fw';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public field?: string) {
    super(message);
  }
}

const cache = new Map<string, Promise<unknown>>();

/**
 * A static copy of the published results (`cybercap export-site`,
 * docs/static-site.md): its index.html names a manifest in
 * <meta name="cybercap-site">, which maps each API path the read-only
 * views ask for to a file. Null on the live server.
 */
interface Site { site: number; campaigns: string[]; files: Record<string, string> }
let site: Site | null = null;

/** Whether this page runs as a static site (no server behind it: no sign-in, no jobs). */
export const isStatic = () => site !== null;

/** Reads the static site's manifest when the page names one; nothing on the live server. */
export async function loadSite(): Promise<void> {
  const meta = document.querySelector('meta[name="cybercap-site"]');
  const url = meta?.getAttribute('content');
  if (!url) return;
  try {
    const res = await fetch(url);
    site = res.ok ? await res.json() as Site : { site: 1, campaigns: [], files: {} };
  } catch {
    site = { site: 1, campaigns: [], files: {} };
  }
}

/**
 * The manifest's key of an API path: segments decoded, parameters sorted
 * by name, nothing encoded (src/server/site_export.c builds the same).
 */
export function siteKey(path: string): string {
  const [p, query = ''] = path.split('?');
  const params = [...new URLSearchParams(query).entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const segs = p.split('/').map((x) => decodeURIComponent(x)).join('/');
  return segs + (params.length ? '?' + params.map(([k, v]) => `${k}=${v}`).join('&') : '');
}

/** Where PATH (under /api/v1) is read from: the API, or a static site's file (null: not in the site). */
function urlOf(path: string): string | null {
  if (!site) return API + path;
  const key = siteKey(path);
  // A framework without a translation into the interface's language
  // answers in its own: the file without ?lang.
  const file = site.files[key] ?? site.files[key.replace(/([?&])lang=[^&]*&?/, '$1').replace(/[?&]$/, '')];
  return file ? '/' + file : null;
}

/** A download's address: the API's, or the static site's copy. */
const fileUrl = (path: string) => (site ? urlOf(path) || API + path : API + path);

async function fetchJson<T>(path: string): Promise<T> {
  let res: Response;
  const url = urlOf(path);
  if (url === null) throw new ApiError(404, 'not_in_site', path);
  try {
    // bundled texts (frameworks, scenarios, matrices) come in the
    // interface's language where the server has them
    res = await fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': currentLang() } });
  } catch (e) {
    throw new ApiError(0, 'network', String((e as Error)?.message || e));
  }
  if (!res.ok) {
    let code = 'http_' + res.status;
    let message = res.statusText;
    let field: string | undefined;
    try {
      const body = await res.json();
      if (body && body.error) {
        code = body.error.code || code;
        message = body.error.message || message;
        field = body.error.field;
      }
    } catch { /* not JSON */ }
    throw new ApiError(res.status, code, message, field);
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'bad_json', 'the server sent a response that is not JSON');
  }
}

export function get<T>(path: string): Promise<T> {
  const key = path + '\u0000' + currentLang();    // answers differ by language
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = fetchJson<T>(path);
    cache.set(key, p);
    // Failed requests are not cached, so "Try again" asks again.
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Forgets cached answers whose path starts with PREFIX (after a campaign changes status). */
export function invalidate(prefix: string) {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

const q = (params: Record<string, string | undefined | null>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? '?' + t : '';
};
const e = encodeURIComponent;

export const api = {
  campaigns: () => get<{ campaigns: Campaign[] }>('/campaigns').then((r) => r.campaigns),
  frameworks: () => get<{ frameworks: FrameworkInfo[] }>('/frameworks').then((r) => r.frameworks),
  /**
   * The tree in the chosen language (a framework without that translation
   * answers in its own); VERSION (a campaign's framework_version) for that
   * version of the id, else the latest.
   */
  framework: (id: string, version?: string | null) =>
    get<Framework>(`/frameworks/${e(id)}${q({ version, lang: currentLang() === 'en' ? null : currentLang() })}`).then(linkScales),
  units: () => get<{ total: number; units: Unit[] }>('/units').then((r) => r.units),
  // group names (regions, UN lists) in the interface's language
  groups: () => get<{ groups: Group[] }>('/groups').then((r) => r.groups.map((g) => ({ ...g, name: groupLabel(g) }))),
  results: (campaign: string, node?: string | null, group?: string | null) =>
    get<Results>(`/campaigns/${e(campaign)}/results${q({ node, group })}`),
  unitResult: (campaign: string, unit: string) =>
    get<UnitResult>(`/campaigns/${e(campaign)}/results/${e(unit)}`),
  summary: (campaign: string, by: string) =>
    get<Summary>(`/campaigns/${e(campaign)}/summary${q({ by })}`),
  unitTargets: (campaign: string, unit: string) =>
    get<Targets>(`/campaigns/${e(campaign)}/results/${e(unit)}/targets`),
  history: (unit: string, framework: string) =>
    get<History>(`/units/${e(unit)}/history${q({ framework })}`),
  /** A node over the published editions of a framework; balanced keeps units present in every edition. */
  trends: (framework: string, node?: string | null, balanced = false, group?: string | null) =>
    get<Trends>(`/trends${q({ framework, node, group, balanced: balanced ? 'true' : null })}`),
  /** The crosswalks loaded, those onto TARGET when given. */
  mappings: (target?: string | null) => get<{ mappings: MappingSummary[] }>(`/mappings${q({ target })}`).then((r) => r.mappings),
  mapping: (id: string) => get<MappingDetail>(`/mappings/${e(id)}`),
  movers: (framework: string, from: string, to: string, node?: string | null) =>
    get<Movers>(`/trends/movers${q({ framework, from, to, node })}`),
};

export const exportUrl = (campaign: string, ext: 'csv' | 'xlsx') =>
  fileUrl(`/campaigns/${e(campaign)}/results.${ext}`);
export const targetsExportUrl = (campaign: string, unit: string, ext: 'csv' | 'xlsx') =>
  fileUrl(`/campaigns/${e(campaign)}/results/${e(unit)}/targets.${ext}`);
