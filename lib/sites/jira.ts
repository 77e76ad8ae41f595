/**
 * Jira Cloud and Jira Server/Data Center. An issue is named by its host and key
 * (`jira:acme.atlassian.net:ACME-123`: two Jira sites both have an `ACME-1`); the key comes from the
 * URL when it names one, else from the page's markup (Server's `ajs-issue-key`).
 */
import { hostIn, normalizeUrl, parseHttpUrl } from '../url';
import { jiraKeyOf, jiraWorkItem } from '../work-item';
import { defineSite, type Identified, type PageDetails } from './adapter';
import { allTexts, cleanLabels, cleanTitle, excerptOf, firstText, metaContent, titleAndBodyText } from './text';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-[1-9]\d*$/;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;

/** An issue key in canonical (upper) case, or null when `text` is not one. */
export function asIssueKey(text: string | null | undefined): string | null {
  const key = (text ?? '').trim().toUpperCase();
  return ISSUE_KEY.test(key) ? key : null;
}

export function projectOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf('-'));
}

/** Atlassian Cloud serves Jira on every path of the site except Confluence's `/wiki`. */
function isCloudJira(url: URL): boolean {
  const host = url.hostname;
  const cloud = host.endsWith('.atlassian.net') || host.endsWith('.jira.com');
  return cloud && !/^\/wiki(\/|$)/.test(url.pathname);
}

export function isJiraHost(url: URL, knownHosts?: readonly string[]): boolean {
  return isCloudJira(url) || hostIn(url.host, knownHosts);
}

/**
 * The issue a Jira URL shows, whatever the host: `/browse/KEY-1`, a board or backlog with
 * `?selectedIssue=KEY-1`, `/projects/P/issues/KEY-1`, a service-desk queue or portal request.
 * A `jql` parameter makes the page a search, not an issue, unless an issue is selected in it.
 */
export function issueKeyFromPath(url: URL): string | null {
  const selected = asIssueKey(url.searchParams.get('selectedIssue'));
  if (selected) return selected;
  if (url.searchParams.has('jql')) return null;
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  const last = segments.at(-1);
  const before = segments.at(-2)?.toLowerCase();
  if (!last) return null;
  if (before === 'browse') return asIssueKey(last);
  const inIssueRoute = segments.some((s) => ['issues', 'queues', 'portal'].includes(s.toLowerCase()));
  return inIssueRoute ? asIssueKey(last) : null;
}

/** A project key named by the path: `/projects/ACME/…` or `/browse/ACME`. */
export function projectFromPath(url: URL): string | undefined {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  for (let i = 0; i < segments.length - 1; i++) {
    const here = segments[i].toLowerCase();
    const next = segments[i + 1].toUpperCase();
    if ((here === 'projects' || here === 'browse') && PROJECT_KEY.test(next)) return next;
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** URL-only: the issue key of a Jira URL on a Jira host, `null` for other Jira pages; `undefined` off Jira. */
export function jiraIssueFromUrl(url: string, knownHosts?: readonly string[]): string | null | undefined {
  const parsed = parseHttpUrl(url);
  if (!parsed || !isJiraHost(parsed, knownHosts)) return undefined;
  return issueKeyFromPath(parsed);
}

const CLOUD_SUMMARY = '[data-testid="issue.views.issue-base.foundation.summary.heading"]';
const CLOUD_KEY = '[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]';

/** Whether the markup is Jira's, on any host. */
export function isJiraDocument(doc: Document): boolean {
  const app = metaContent(doc, 'application-name').toLowerCase();
  return (
    app === 'jira' ||
    metaContent(doc, 'ajs-issue-key') !== '' ||
    doc.querySelector(`${CLOUD_SUMMARY}, #jira, body#jira, meta[name="ajs-jira-base-url"]`) !== null
  );
}

/** The issue key the markup shows: Server's meta tag, else the Cloud breadcrumb, else `#key-val`. */
function issueKeyFromDocument(doc: Document): string | null {
  return (
    asIssueKey(metaContent(doc, 'ajs-issue-key')) ??
    asIssueKey(firstText(doc, [CLOUD_KEY])) ??
    asIssueKey(doc.querySelector('#key-val')?.getAttribute('data-issue-key')) ??
    asIssueKey(firstText(doc, ['#key-val']))
  );
}

/** The issue in view: the URL's when it names one (the markup may lag behind a soft navigation). */
export function jiraIssueKey(url: URL, doc?: Document): string | null {
  const fromPath = issueKeyFromPath(url);
  if (fromPath) return fromPath;
  if (url.searchParams.has('jql') || !doc) return null;
  return issueKeyFromDocument(doc);
}

export function identifyJira(url: URL, doc?: Document): Identified {
  const key = jiraIssueKey(url, doc);
  const project =
    (key ? projectOfKey(key) : undefined) ??
    projectFromPath(url) ??
    ((doc && metaContent(doc, 'ajs-project-key').toUpperCase()) || undefined);
  return { workItem: key ? jiraWorkItem(url.host, key) : normalizeUrl(url.href), project };
}

const SUMMARY = [CLOUD_SUMMARY, '#summary-val', 'h1#summary-val'];
const DESCRIPTION = [
  '[data-testid="issue.views.field.rich-text.description"]',
  '#description-val',
  '.issue-body-content .user-content-block',
];
const STATUS = [
  '[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"] button',
  '[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"]',
  '[data-testid="issue-field-status.ui.status-view.status-button.status-button"]',
  '#status-val .jira-issue-status-lozenge',
  '#status-val',
];
const LABELS = [
  '[data-testid="issue.views.field.select.common.select-inline-edit.labels"] a',
  '[data-testid^="issue.views.field.labels"] a',
  '.labels-wrap .labels a',
  'ul.labels a.lozenge',
];
const COMPONENTS = [
  '[data-testid^="issue.views.field.select.common.select-inline-edit.components"] a',
  '[data-testid^="issue.views.field.components"] a',
  '#components-field a',
  '#components-val a',
];

/** The container holding description and comments, most specific markup first. */
export const JIRA_CONTENT_ROOTS = [
  '[data-testid="issue.views.issue-details.issue-layout.container-left"]',
  '.issue-body-content',
  '#issue-content',
  '[data-testid="issue.views.field.rich-text.description"]',
  '#description-val',
];

/** Title without Jira's decorations: `[ACME-1] Summary - Jira` → `Summary`. */
function titleFromDocumentTitle(title: string): string {
  return title.replace(/^\s*\[[^\]]+\]\s*/, '').replace(/\s+-\s+(Jira|JIRA)[^-]*$/, '');
}

const NOTHING_READ: PageDetails = { title: '', labels: [], status: undefined, excerpt: undefined };

/**
 * Title, labels, status and excerpt of the issue `key`. Jira Cloud swaps issues without a page
 * load; when the markup still shows another issue, nothing is read rather than the wrong issue.
 */
export function readJira(doc: Document, key: string | null, brief = false): PageDetails {
  const shown = issueKeyFromDocument(doc);
  if (key && shown && shown !== key) return NOTHING_READ;
  const title = cleanTitle(firstText(doc, SUMMARY) || titleFromDocumentTitle(doc.title));
  const labels = cleanLabels([...LABELS, ...COMPONENTS].flatMap((s) => allTexts(doc, s)));
  if (brief) return { title, labels };
  const status = firstText(doc, STATUS, 400);
  return {
    title,
    labels,
    status: status ? cleanTitle(status).slice(0, 200) : undefined,
    excerpt: excerptOf(firstText(doc, DESCRIPTION, 2000)),
  };
}

export function jiraText(doc: Document): string {
  return titleAndBodyText(doc, SUMMARY, DESCRIPTION, JIRA_CONTENT_ROOTS);
}

export const jira = defineSite({
  id: 'jira',
  words: { label: 'Jira', project: 'project', item: () => 'ticket' },
  selfHosted: { label: 'Jira (self-hosted)' },
  publicHosts: 'Jira Cloud (*.atlassian.net)',
  isPublicHost: (url) => isJiraHost(url),
  isDocument: isJiraDocument,
  identify: identifyJira,
  contentRoots: [...JIRA_CONTENT_ROOTS, 'main', '[role="main"]'],
  read: (_url, doc, workItem, brief) => readJira(doc, jiraKeyOf(workItem), brief),
  text: jiraText,
});
