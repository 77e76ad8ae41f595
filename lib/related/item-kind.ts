import type { Source } from '../lesson';
import { t } from '../i18n';
import { adapterOf } from '../sites/registry';

/** What people call the item a page is on its site (lib/sites): ticket, pull request, page. */
export function itemKind(source: Pick<Source, 'site' | 'url'>): string {
  return adapterOf(source.site).words.item(source.url);
}

/** What a project is called on the page's site: "repository", "space". */
export function projectWord(site: Source['site']): string {
  return adapterOf(site).words.project;
}

/*
 * Sentences about an item or a project are whole messages per word, since other languages change
 * the words around them (German: „zu diesem Ticket“, „zu dieser Seite“). An adapter's new word
 * reads as "page" / "project" until it has messages of its own.
 */
const ON_ITEM: Record<string, () => string> = {
  page: () => t('related.onItem.page'),
  ticket: () => t('related.onItem.ticket'),
  issue: () => t('related.onItem.issue'),
  'pull request': () => t('related.onItem.pullRequest'),
  'merge request': () => t('related.onItem.mergeRequest'),
  discussion: () => t('related.onItem.discussion'),
  epic: () => t('related.onItem.epic'),
};
const SAME_ITEM: Record<string, () => string> = {
  page: () => t('related.sameItem.page'),
  ticket: () => t('related.sameItem.ticket'),
  issue: () => t('related.sameItem.issue'),
  'pull request': () => t('related.sameItem.pullRequest'),
  'merge request': () => t('related.sameItem.mergeRequest'),
  discussion: () => t('related.sameItem.discussion'),
  epic: () => t('related.sameItem.epic'),
};
const PROJECT_SECTION: Record<string, () => string> = {
  project: () => t('related.projectSection.project'),
  repository: () => t('related.projectSection.repository'),
  space: () => t('related.projectSection.space'),
  site: () => t('related.projectSection.site'),
};
const SAME_PROJECT: Record<string, (name: string) => string> = {
  project: (name) => t('related.sameProject.project', { name }),
  repository: (name) => t('related.sameProject.repository', { name }),
  space: (name) => t('related.sameProject.space', { name }),
  site: (name) => t('related.sameProject.site', { name }),
};
const pick = <T>(table: Record<string, T>, word: string, fallback: string): T => (Object.hasOwn(table, word) ? table[word] : table[fallback]);

/** The side panel's first section: "On this pull request". */
export function onItemTitle(source: Pick<Source, 'site' | 'url'>): string {
  return pick(ON_ITEM, itemKind(source), 'page')();
}

/** The reason given for a lesson captured on the very item in front of you: "same pull request". */
export function sameItemReason(source: Pick<Source, 'site' | 'url'>): string {
  return pick(SAME_ITEM, itemKind(source), 'page')();
}

/** The side panel's project section: "Same repository or labels". */
export function projectSectionTitle(site: Source['site']): string {
  return pick(PROJECT_SECTION, projectWord(site), 'project')();
}

/** The reason given for a lesson from the same project: "same repository acme/api". */
export function sameProjectReason(site: Source['site'], name: string): string {
  return pick(SAME_PROJECT, projectWord(site), 'project')(name);
}
