import type { LibraryFilters } from './filter-schema';

export type { LibraryFilters };

export const SORTS = ['newest', 'oldest', 'helped'] as const;
export const OPEN = ['questions', 'actions'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * The filters of the plain page. Spelled out rather than parsed from the schema (a unit test
 * checks they agree) so the page draws its first rows before zod has loaded.
 */
export const EMPTY_FILTERS: LibraryFilters = { q: '', tags: [], sort: 'newest' };

/** Parameters of the page URL that hold filters; see filter-schema.ts for what each may be. */
const FILTER_PARAMS = ['q', 'kind', 'tag', 'site', 'project', 'author', 'visibility', 'from', 'to', 'open', 'sort'] as const;

/** Parameters of the page that are not filters (the open lesson, the tab). */
const NOT_FILTERS = ['lesson', 'view', 'week'] as const;

/** Whether the URL names any filter, so it must be parsed (with the schema) before the list is drawn. */
export function hasFilterParams(params: URLSearchParams): boolean {
  return FILTER_PARAMS.some((name) => params.has(name));
}

/** The filters as query parameters; defaults are left out so the plain page has a plain URL. */
export function filtersToParams(f: LibraryFilters, base?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of NOT_FILTERS) {
    const v = base?.get(name);
    if (v) out.set(name, v);
  }
  if (f.q.trim()) out.set('q', f.q);
  if (f.kind) out.set('kind', f.kind);
  for (const t of f.tags) out.append('tag', t);
  if (f.site) out.set('site', f.site);
  if (f.project) out.set('project', f.project);
  if (f.author) out.set('author', f.author);
  if (f.visibility) out.set('visibility', f.visibility);
  if (f.from) out.set('from', f.from);
  if (f.to) out.set('to', f.to);
  if (f.open) out.set('open', f.open);
  if (f.sort !== 'newest') out.set('sort', f.sort);
  return out;
}

/** True when nothing narrows the list (the sort does not count). */
export function isUnfiltered(f: LibraryFilters): boolean {
  return (
    !f.q.trim() && !f.kind && !f.tags.length && !f.site && !f.project && !f.author && !f.visibility && !f.from && !f.to && !f.open
  );
}

/** Local midnight of a YYYY-MM-DD day, as epoch milliseconds. */
export function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/** The half-open epoch range [from, to) the date filter covers. */
export function dateRange(f: Pick<LibraryFilters, 'from' | 'to'>): [number, number] {
  const from = f.from ? dayStart(f.from) : -Infinity;
  let to = Infinity;
  if (f.to) {
    const [y, m, d] = f.to.split('-').map(Number);
    to = new Date(y, m - 1, d + 1).getTime();
  }
  return [from, to];
}
