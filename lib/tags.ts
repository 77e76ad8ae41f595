import { normalizeTags, type Source } from './lesson';

/**
 * Tags offered for a lesson: first what the page says about itself (project, labels, site),
 * then tags used before. Normalised and deduplicated.
 */
export function suggestTags(source: Source, usedBefore: readonly string[] = [], limit = 12): string[] {
  const fromPage = [source.project ?? '', ...source.labels];
  if (source.site !== 'web') fromPage.push(source.site);
  return normalizeTags([...fromPage, ...usedBefore]).slice(0, limit);
}
