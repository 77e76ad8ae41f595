/**
 * Who may send what to the background. Extension pages (library, options, popup, side panel) may
 * send everything. A content script runs inside a web page the extension does not trust, so it may
 * only ask about its own tab's page and write what that page's capture card and lesson card need;
 * anything else from it is refused before a handler runs.
 */
import type { Source } from './lesson';
import { identifyPage } from './sites/identify';
import type { KnownHosts } from './sites/types';
import { normalizeUrl, parseHttpUrl } from './url';
import { parseWorkItem } from './work-item';

/** What the browser says about a message's sender (`runtime.MessageSender`). */
export interface Sender {
  tabId?: number;
  /** The document that sent the message. */
  url?: string;
  /** The tab the sender lives in, when it lives in one. */
  tabUrl?: string;
}

export type SenderKind = 'extension' | 'content-script' | 'unknown';

export function senderKind(sender: Sender, extensionOrigin: string): SenderKind {
  if (extensionOrigin && sender.url?.startsWith(extensionOrigin)) return 'extension';
  if (sender.tabId != null && parseHttpUrl(sender.url ?? '')) return 'content-script';
  return 'unknown';
}

const GITHUB_DOT_COM = new Set(['github.com', 'www.github.com']);

/**
 * Whether a work item is the page at `pageUrl`. When the URL itself names a work item (an issue
 * path, a page id) only that one is; when it does not, the markup may (Jira Server's key in a meta
 * tag, a Confluence page id, a GitHub page on an odd mount path), so any work item of the same
 * site on the same host is.
 */
export function pageOwns(pageUrl: string, workItem: string, hosts: KnownHosts = {}): boolean {
  const url = parseHttpUrl(pageUrl);
  if (!url) return false;
  const here = identifyPage(pageUrl, undefined, { hosts });
  if (workItem === here.workItem || workItem === here.url) return true;
  const urlNamesItem = here.workItem !== here.url;
  const item = parseWorkItem(workItem);
  if (urlNamesItem || item.site !== here.site || item.site === 'web') return false;
  const host = url.host.toLowerCase();
  return item.host === (GITHUB_DOT_COM.has(host) && item.site === 'github' ? 'github.com' : host);
}

/** Whether a URL is the page at `pageUrl`, compared as lessons store URLs. */
export function samePage(pageUrl: string, url: string): boolean {
  const a = normalizeUrl(pageUrl);
  return a !== '' && a === normalizeUrl(url);
}

/** The page a content script speaks for, with the facts its requests are checked against. */
export interface PageScope {
  owns(workItem: string): boolean;
  isAt(url: string): boolean;
  ownsLessons(ids: string[]): Promise<boolean>;
}

export function pageScope(sender: Sender, hosts: KnownHosts, workItemsOf: (ids: string[]) => Promise<(string | undefined)[]>): PageScope {
  // The document's URL and its tab's may briefly differ around a soft navigation; both are this tab.
  const pages = [sender.url, sender.tabUrl].filter((u): u is string => !!u && parseHttpUrl(u) !== null);
  const owns = (workItem: string) => pages.some((p) => pageOwns(p, workItem, hosts));
  return {
    owns,
    isAt: (url) => pages.some((p) => samePage(p, url)),
    ownsLessons: async (ids) => (await workItemsOf(ids)).every((w) => w !== undefined && owns(w)),
  };
}

const ownsSource = (source: Pick<Source, 'workItem' | 'url'>, page: PageScope) => page.owns(source.workItem) && page.isAt(source.url);

type Rule = (data: never, page: PageScope) => boolean | Promise<boolean>;
const rule = <D>(check: (data: D, page: PageScope) => boolean | Promise<boolean>): Rule => check as Rule;

/**
 * Every message a content script may send, with what it may name. `openCapture` is the selection
 * adder's request to open the capture card on its own page: it names nothing, so nothing leaks.
 */
export const CONTENT_SCRIPT_RULES: Readonly<Record<string, Rule>> = {
  lessonsForPage: rule<{ workItem: string }>(({ workItem }, page) => page.owns(workItem)),
  pageReport: rule<{ workItem: string; url: string }>(({ workItem, url }, page) => page.owns(workItem) && page.isAt(url)),
  pageGist: rule<{ source: Source }>(({ source }, page) => ownsSource(source, page)),
  saveLesson: rule<{ source: Source }>(({ source }, page) => ownsSource(source, page)),
  suggestTags: rule<{ source: Source }>(({ source }, page) => ownsSource(source, page)),
  updateLesson: rule<{ id: string }>(({ id }, page) => page.ownsLessons([id])),
  deleteLessons: rule<{ ids: string[] }>(({ ids }, page) => page.ownsLessons(ids)),
  restoreLessons: rule<{ ids: string[] }>(({ ids }, page) => page.ownsLessons(ids)),
  openLibrary: rule<{ lessonId?: string }>(({ lessonId }, page) => lessonId === undefined || page.ownsLessons([lessonId])),
  loadPageLayer: rule(() => true),
  loadPageCard: rule(() => true),
  openCapture: rule(() => true),
};

export class SenderRefusedError extends Error {
  constructor(name: string, why: string) {
    super(`"${name}" refused: ${why}`);
    this.name = 'SenderRefusedError';
  }
}

export interface PolicyContext {
  /** `runtime.getURL('')`: the origin of the extension's own pages. */
  extensionOrigin: string;
  hosts: () => Promise<KnownHosts>;
  /** The stored `source.workItem` of each id (deleted lessons included), undefined when unknown. */
  workItemsOf: (ids: string[]) => Promise<(string | undefined)[]>;
}

/** Throws a `SenderRefusedError` unless `sender` may send this (already validated) message. */
export async function checkSender(name: string, data: unknown, sender: Sender, ctx: PolicyContext): Promise<void> {
  const kind = senderKind(sender, ctx.extensionOrigin);
  if (kind === 'extension') return;
  if (kind === 'unknown') throw new SenderRefusedError(name, 'the sender is neither an extension page nor a web page');
  const check = Object.hasOwn(CONTENT_SCRIPT_RULES, name) ? CONTENT_SCRIPT_RULES[name] : undefined;
  if (!check) throw new SenderRefusedError(name, 'only extension pages may send it');
  const page = pageScope(sender, await ctx.hosts(), ctx.workItemsOf);
  if (!(await check(data as never, page))) throw new SenderRefusedError(name, 'a web page may only read and change its own lessons');
}
