/**
 * URL normalisation: two visits to the same page give the same string, so a lesson's `source.url`
 * and the work-item keys built from it compare equal.
 */

/** Query parameters that only say how someone arrived, never what they are looking at. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'li_fat_id',
  'mkt_tok',
  'ref_src',
  'ref_url',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'vero_id',
  'vero_conv',
  'oly_enc_id',
  'oly_anon_id',
  'rb_clickid',
  's_cid',
  'wt_mc',
  // Atlassian adds this to every link shared from Jira and Confluence.
  'atlorigin',
  // GitHub notification links; `email_token` is a credential and must never be stored.
  'notification_referrer_id',
  'email_source',
  'email_token',
]);

const TRACKING_PREFIXES = ['utm_', 'mc_', 'pk_', 'hmb_'];

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Hash routes (`#/projects/1`, `#!/x`) are how some single-page apps name their pages, so those are
 * kept; any other fragment only scrolls within the page and is dropped.
 */
function keptHash(hash: string): string {
  return hash.startsWith('#/') || hash.startsWith('#!') ? hash : '';
}

/**
 * Lower-cased host, no default port, no credentials, no tracking parameters, remaining parameters
 * sorted by name (stable for repeated names), no empty query, no trailing slash except the root's,
 * no fragment unless it is a hash route. A string that is not an absolute URL comes back trimmed.
 */
export function normalizeUrl(input: string): string {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    url.hash = '';
    return url.href;
  }
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');

  const params = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = new URLSearchParams(params).toString();

  let path = url.pathname;
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';

  return `${url.protocol}//${url.host}${path}${search ? `?${search}` : ''}${keptHash(url.hash)}`;
}

/** The host of a URL as used in keys: lower-case, with the port when it is not the default. */
export function hostOf(url: string | URL): string {
  try {
    return (typeof url === 'string' ? new URL(url) : url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** Parses an absolute http(s) URL, or returns null. */
export function parseHttpUrl(input: string): URL | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Whether `host` is one of `hosts` (compared without case; entries may carry a port). */
export function hostIn(host: string, hosts: readonly string[] | undefined): boolean {
  if (!hosts?.length) return false;
  const h = host.toLowerCase();
  return hosts.some((known) => knownHost(known) === h);
}

/** Accepts `host`, `host:port` or a URL, as people type them into a settings field. */
function knownHost(entry: string): string {
  const e = entry.trim().toLowerCase();
  if (e.includes('://')) return hostOf(e);
  return e.replace(/\/.*$/, '');
}
