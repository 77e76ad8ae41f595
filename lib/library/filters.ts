import { z } from 'zod';
import { KindSchema, SiteSchema, VisibilitySchema, normalizeTag } from '../lesson';

export const SORTS = ['newest', 'oldest', 'helped'] as const;
export const OPEN = ['questions', 'actions'] as const;

const Day = z.iso.date();

/**
 * What the library shows, as it is written in the page URL (the scheme agreed between pages:
 * q, kind, tag, site, project, author, visibility, from, to, open, sort). Invalid values are
 * dropped one by one rather than failing the whole URL, so a stale bookmark still opens.
 */
export const LibraryFiltersSchema = z.object({
  q: z.string().max(500).catch(''),
  kind: KindSchema.optional().catch(undefined),
  /** Every tag must be on the lesson. */
  tags: z.array(z.string()).catch([]),
  site: SiteSchema.optional().catch(undefined),
  project: z.string().max(200).optional().catch(undefined),
  author: z.string().max(200).optional().catch(undefined),
  visibility: VisibilitySchema.optional().catch(undefined),
  /** Calendar days in local time, both inclusive, on the day the lesson was captured. */
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  open: z.enum(OPEN).optional().catch(undefined),
  sort: z.enum(SORTS).catch('newest'),
});
export type LibraryFilters = z.output<typeof LibraryFiltersSchema>;
export type Sort = (typeof SORTS)[number];

export const EMPTY_FILTERS: LibraryFilters = LibraryFiltersSchema.parse({});

/** Parameters of the page that are not filters (the open lesson, the tab). */
const NOT_FILTERS = ['lesson', 'view', 'week'] as const;

export function filtersFromParams(params: URLSearchParams): LibraryFilters {
  const one = (name: string) => params.get(name)?.trim() || undefined;
  const tags = params
    .getAll('tag')
    .flatMap((t) => t.split(','))
    .map(normalizeTag)
    .filter(Boolean);
  return LibraryFiltersSchema.parse({
    q: params.get('q') ?? '',
    kind: one('kind'),
    tags: [...new Set(tags)],
    site: one('site'),
    project: one('project'),
    author: one('author'),
    visibility: one('visibility'),
    from: one('from'),
    to: one('to'),
    open: one('open'),
    sort: one('sort') ?? 'newest',
  });
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
