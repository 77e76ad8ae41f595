import { ADAPTERS, type HostKind } from '@/lib/sites/registry';
import { formatMoment, t, uiLanguage } from '@/lib/i18n';

export type { HostKind };

/** The kinds of self-hosted site a host can be added as, in the registry's order. */
export const HOST_KINDS = ADAPTERS.flatMap((a) => ('selfHosted' in a ? [{ kind: a.id, label: a.selfHosted.label }] : []));

/** The public hosts known without adding anything: "Jira Cloud (*.atlassian.net), … and github.com". */
export const PUBLIC_SITES = listed(ADAPTERS.flatMap((a) => ('publicHosts' in a ? [a.publicHosts] : [])));

function listed(words: string[]): string {
  return new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(words);
}

/**
 * The host a person typed (a bare host, host:port, or a URL) and the permission pattern that
 * covers it. Plain http is accepted for hosts on an internal network the way people type them;
 * the pattern keeps the scheme they gave, https by default.
 */
export function hostPattern(input: string): { host: string; pattern: string } | { error: string } {
  const text = input.trim();
  if (!text) return { error: t('options.hostMissing') };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { error: t('options.hostInvalid') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: t('options.hostScheme') };
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { error: t('options.hostShort') };
  // Match patterns take no port: the permission covers the host on every port.
  return { host: url.host, pattern: `${url.protocol}//${url.hostname}/*` };
}

const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\]|[^/:]+\.localhost)(:\d+)?(\/|$)/i;

/**
 * The endpoint a person meant: what they typed, trimmed, with a scheme added when they left it
 * out (https, or http for this machine, which is how a local endpoint runs).
 */
export function endpointFromInput(input: string): string {
  const text = input.trim();
  if (!text || /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /\s/.test(text)) return text;
  const bare = text.replace(/^\/\//, '');
  return `${LOCAL.test(bare) ? 'http' : 'https'}://${bare}`;
}

/** Why "Sync now" can't run yet, in the words of the form above it; null when it can. */
export function syncBlocker(settings: { endpoint: string; tokenSavedAt?: string }): string | null {
  const endpoint = !settings.endpoint.trim();
  const token = !settings.tokenSavedAt;
  if (endpoint && token) return t('options.needBoth');
  if (endpoint) return t('options.needEndpoint');
  if (token) return t('options.needToken');
  return null;
}

/** "2 minutes ago", "just now", or the date: for the last-sync line. */
export function formatWhen(iso: string | undefined, now: Date): string {
  if (!iso) return t('options.never');
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (seconds < 10) return t('options.justNow');
  const ago = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'always' });
  if (seconds < 90) return ago.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return ago.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 36) return ago.format(-hours, 'hour');
  return formatMoment(new Date(iso));
}
