import type { Lesson, Source } from './lesson';
import { normalizeTags } from './lesson-basics';
import { hostOf } from './url';

/** The parts of a stored lesson that say which tags it used where. */
export type TagUse = Pick<Lesson, 'id' | 'tags' | 'source' | 'deletedAt'>;

/** How much a tag used on another lesson counts, by how close that lesson is to this page. */
const WEIGHT = { item: 4, project: 2, site: 1 } as const;

/**
 * How close `other` is to `source`: the same work item, project or site, or unrelated (0). A site
 * is a kind of site on one host: two Jira sites may both have an ACME project.
 */
function closeness(source: Source, other: Source): number {
  if (other.workItem === source.workItem) return WEIGHT.item;
  if (other.site !== source.site || hostOf(other.url) !== hostOf(source.url)) return 0;
  return source.project && other.project === source.project ? WEIGHT.project : WEIGHT.site;
}

/**
 * Tags used before near this page, ranked: each use counts by how close its lesson is (this work
 * item, then this project, then this site) and the most used come first. Lessons elsewhere count
 * for nothing, so a tag from another site's pages is never offered here.
 */
export function rankTags(source: Source, history: readonly TagUse[]): string[] {
  const score = new Map<string, number>();
  const seen = new Set<string>();
  for (const lesson of history) {
    if (lesson.deletedAt || seen.has(lesson.id)) continue;
    seen.add(lesson.id);
    const weight = closeness(source, lesson.source);
    if (weight === 0) continue;
    for (const tag of lesson.tags) score.set(tag, (score.get(tag) ?? 0) + weight);
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

/** What the page says about itself: its project (key, space, repository) and its labels and components. */
export function pageTags(source: Source): string[] {
  return normalizeTags([source.project ?? '', ...source.labels]);
}

/**
 * Tags offered for a lesson: what the page says about itself, then tags used before near it
 * (see `rankTags`). Never the site's name (older lessons carry it): the site is a filter of its own.
 */
export function suggestTags(source: Source, usedNearby: readonly string[] = [], limit = 12): string[] {
  return normalizeTags([...pageTags(source), ...usedNearby])
    .filter((t) => t !== source.site)
    .slice(0, limit);
}
