import type { Source } from '../lesson';

/** What people call the page a work item lives on, in the reasons and headings of the side panel. */
export type ItemKind = 'ticket' | 'issue' | 'pull request' | 'discussion' | 'page';

const GITHUB_KIND: Record<string, ItemKind> = { pull: 'pull request', issues: 'issue', discussions: 'discussion' };

/**
 * A Jira work item is a ticket; on GitHub the path says issue, pull request or discussion (also on
 * Enterprise hosts, whose paths are the same); Confluence and other pages are pages.
 */
export function itemKind(source: Pick<Source, 'site' | 'url'>): ItemKind {
  if (source.site === 'jira') return 'ticket';
  if (source.site !== 'github') return 'page';
  let path = '';
  try {
    path = new URL(source.url).pathname;
  } catch {
    return 'issue';
  }
  // /owner/repo/pull/12/files: the third segment names the kind.
  const kind = path.split('/').filter(Boolean)[2];
  return GITHUB_KIND[kind] ?? 'issue';
}

/** The reason given for a lesson captured on the very item in front of you: "same pull request". */
export function sameItemReason(source: Pick<Source, 'site' | 'url'>): string {
  return `same ${itemKind(source)}`;
}
