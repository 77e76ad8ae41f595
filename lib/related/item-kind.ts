import type { Source } from '../lesson';
import { t } from '../i18n';
import { adapterOf } from '../sites/registry';

/**
 * What people call the item a page is, and its project, on its site (lib/sites): ticket, pull
 * request, page; repository, space. Sentences about them are whole messages per word, since other
 * languages change the words around them (German: „zu diesem Ticket“, „zu dieser Seite“).
 */
type ItemWord = 'page' | 'ticket' | 'issue' | 'pull request' | 'discussion';
type ProjectWord = 'project' | 'repository' | 'space' | 'site';

export function itemKind(source: Pick<Source, 'site' | 'url'>): ItemWord {
  const word = adapterOf(source.site).words.item(source.url);
  return (['page', 'ticket', 'issue', 'pull request', 'discussion'] as const).find((w) => w === word) ?? 'page';
}

function projectWord(site: Source['site']): ProjectWord {
  const word = adapterOf(site).words.project;
  return (['project', 'repository', 'space', 'site'] as const).find((w) => w === word) ?? 'project';
}

/** The side panel's first section: "On this pull request". */
export function onItemTitle(source: Pick<Source, 'site' | 'url'>): string {
  const word = itemKind(source);
  if (word === 'ticket') return t('related.onItem.ticket');
  if (word === 'issue') return t('related.onItem.issue');
  if (word === 'pull request') return t('related.onItem.pullRequest');
  if (word === 'discussion') return t('related.onItem.discussion');
  return t('related.onItem.page');
}

/** The reason given for a lesson captured on the very item in front of you: "same pull request". */
export function sameItemReason(source: Pick<Source, 'site' | 'url'>): string {
  const word = itemKind(source);
  if (word === 'ticket') return t('related.sameItem.ticket');
  if (word === 'issue') return t('related.sameItem.issue');
  if (word === 'pull request') return t('related.sameItem.pullRequest');
  if (word === 'discussion') return t('related.sameItem.discussion');
  return t('related.sameItem.page');
}

/** The side panel's project section: "Same repository or labels". */
export function projectSectionTitle(site: Source['site']): string {
  const word = projectWord(site);
  if (word === 'repository') return t('related.projectSection.repository');
  if (word === 'space') return t('related.projectSection.space');
  if (word === 'site') return t('related.projectSection.site');
  return t('related.projectSection.project');
}

/** The reason given for a lesson from the same project: "same repository acme/api". */
export function sameProjectReason(site: Source['site'], name: string): string {
  const word = projectWord(site);
  if (word === 'repository') return t('related.sameProject.repository', { name });
  if (word === 'space') return t('related.sameProject.space', { name });
  if (word === 'site') return t('related.sameProject.site', { name });
  return t('related.sameProject.project', { name });
}
