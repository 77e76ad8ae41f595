import type { Source } from '../lesson';
import { adapterOf } from '../sites/registry';

/** What people call the item a page is on its site (lib/sites): ticket, pull request, page. */
export function itemKind(source: Pick<Source, 'site' | 'url'>): string {
  return adapterOf(source.site).words.item(source.url);
}

/** What a project is called on the page's site: "repository", "space". */
export function projectWord(site: Source['site']): string {
  return adapterOf(site).words.project;
}

/** The reason given for a lesson captured on the very item in front of you: "same pull request". */
export function sameItemReason(source: Pick<Source, 'site' | 'url'>): string {
  return `same ${itemKind(source)}`;
}
