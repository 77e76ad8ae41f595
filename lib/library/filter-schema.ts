import { z } from 'zod';
import { KindSchema, SiteSchema, VisibilitySchema, normalizeTag } from '../lesson';
import { OPEN, SORTS } from './filters';

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
