/**
 * Work-item keys that name their host wherever a key alone is ambiguous: two Jira sites both have
 * an `ACME-1`, so an issue is `jira:<host>:ACME-1`. Confluence keys always carried their host
 * (`confluence:<host>:<id>`), GitHub keys name github.com repositories as `owner/repo` and
 * GitHub Enterprise ones as `<host>/owner/repo`.
 */
import type { Transaction } from 'dexie';
import type { Lesson, Source } from './lesson';
import { parseHttpUrl } from './url';

export type WorkItemParts =
  | { site: 'jira'; host?: string; key: string }
  | { site: 'confluence'; host: string; pageId: string }
  | { site: 'github'; host: string; project: string }
  | { site: 'web' };

export function jiraWorkItem(host: string, key: string): string {
  return `jira:${host.toLowerCase()}:${key}`;
}

/** Splits a key; hosts may carry a port (`localhost:8080`), so the id is what follows the last colon. */
export function parseWorkItem(workItem: string): WorkItemParts {
  const [scheme] = workItem.split(':', 1);
  const rest = workItem.slice(scheme.length + 1);
  const last = rest.lastIndexOf(':');
  if (scheme === 'jira') return last < 0 ? { site: 'jira', key: rest } : { site: 'jira', host: rest.slice(0, last), key: rest.slice(last + 1) };
  if (scheme === 'confluence' && last > 0) return { site: 'confluence', host: rest.slice(0, last), pageId: rest.slice(last + 1) };
  if (scheme === 'github') {
    const project = rest.split(/[#@]/, 1)[0];
    const parts = project.split('/');
    return { site: 'github', host: parts.length > 2 ? parts[0] : 'github.com', project };
  }
  return { site: 'web' };
}

/** The issue key of a Jira work item, hosted or not; null for other work items. */
export function jiraKeyOf(workItem: string): string | null {
  const parts = parseWorkItem(workItem);
  return parts.site === 'jira' ? parts.key : null;
}

/**
 * A Jira key saved before keys carried their host (`jira:ACME-1`) takes the host of the lesson's
 * own URL, which is where it was captured. Anything else is returned as it is.
 */
export function hostedWorkItem(source: Pick<Source, 'workItem' | 'url'>): string {
  const parts = parseWorkItem(source.workItem);
  if (parts.site !== 'jira' || parts.host !== undefined) return source.workItem;
  const url = parseHttpUrl(source.url);
  return url ? jiraWorkItem(url.host, parts.key) : source.workItem;
}

/** The lesson with a host-qualified work item; the same object when nothing changes. */
export function withHostedWorkItem<T extends { source: Pick<Source, 'workItem' | 'url'> }>(lesson: T): T {
  const workItem = hostedWorkItem(lesson.source);
  return workItem === lesson.source.workItem ? lesson : { ...lesson, source: { ...lesson.source, workItem } };
}

/** Database upgrade to version 5: every stored lesson's Jira key takes its host. */
export async function hostStoredWorkItems(tx: Transaction): Promise<void> {
  await tx
    .table<Lesson, string>('lessons')
    .where('source.workItem')
    .startsWith('jira:')
    .modify((lesson) => {
      lesson.source.workItem = hostedWorkItem(lesson.source);
    });
}
