/**
 * Every site Lessonmark knows, one adapter each. Adding a site is a new adapter file and one line
 * here; the site's id, its hosts setting, its words and its place in the library's filter follow.
 *
 * The order is the order pages are tried in (first claim wins), of the library's site filter and of
 * the options page's kinds of host. Hosts and markup tests of different sites must not overlap
 * (Jira Cloud leaves `/wiki` to Confluence). The web adapter claims nothing and stays last: it is
 * what a page is when no other adapter claims it.
 */
import type { SiteAdapter } from './adapter';
import { confluence } from './confluence';
import { github } from './github';
import { gitlab } from './gitlab';
import { jira } from './jira';
import { web } from './web';

export const ADAPTERS = [
  jira,
  confluence,
  github,
  gitlab,
  web,
] as const;

type Adapter = (typeof ADAPTERS)[number];
export type SiteId = Adapter['id'];
/** The sites people run on their own hosts and add on the options page. */
export type HostKind = Extract<Adapter, { selfHosted: object }>['id'];

type Ids<T extends readonly SiteAdapter[]> = { readonly [K in keyof T]: T[K]['id'] };
/** The ids as a tuple, for the lesson schema's enum (shared with the server). */
export const SITES = ADAPTERS.map((a) => a.id) as unknown as Ids<typeof ADAPTERS>;

export const HOST_KINDS = ADAPTERS.flatMap((a) => ('selfHosted' in a ? [a.id] : [])) as HostKind[];

/** The adapter that takes the pages no other adapter claims. */
export const FALLBACK: SiteAdapter<'web'> = web;

export function adapterOf(site: string): SiteAdapter {
  return ADAPTERS.find((a) => a.id === site) ?? FALLBACK;
}

/** The site's name on cards and in the library's filter. */
export function siteLabel(site: string): string {
  return adapterOf(site).words.label;
}
