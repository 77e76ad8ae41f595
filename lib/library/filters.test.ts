import { describe, expect, it } from 'vitest';
import { LibraryFiltersSchema, filtersFromParams } from './filter-schema';
import { EMPTY_FILTERS, dateRange, filtersToParams, hasFilterParams, isUnfiltered, type LibraryFilters } from './filters';

describe('library filters in the URL', () => {
  it('round-trips every filter through query parameters', () => {
    const f: LibraryFilters = {
      q: 'deploy rollback',
      kind: 'mistake',
      tags: ['incident', 'db'],
      site: 'jira',
      project: 'ACME',
      author: 'Ana',
      visibility: 'team',
      from: '2025-03-01',
      to: '2025-03-31',
      open: 'actions',
      sort: 'helped',
    };
    const params = filtersToParams(f);
    expect(params.toString()).toBe(
      'q=deploy+rollback&kind=mistake&tag=incident&tag=db&site=jira&project=ACME&author=Ana&visibility=team&from=2025-03-01&to=2025-03-31&open=actions&sort=helped',
    );
    expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(f);
  });

  it('leaves defaults out, so the plain page has a plain URL', () => {
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
    expect(LibraryFiltersSchema.parse({})).toEqual(EMPTY_FILTERS);
    expect(filtersFromParams(new URLSearchParams(''))).toEqual(EMPTY_FILTERS);
    expect(isUnfiltered(EMPTY_FILTERS)).toBe(true);
    expect(isUnfiltered({ ...EMPTY_FILTERS, sort: 'oldest' })).toBe(true);
    expect(isUnfiltered({ ...EMPTY_FILTERS, tags: ['x'] })).toBe(false);
  });

  it('knows when the URL names a filter, and when it names only the page', () => {
    for (const name of ['q', 'kind', 'tag', 'site', 'project', 'author', 'visibility', 'from', 'to', 'open', 'sort']) {
      expect(hasFilterParams(new URLSearchParams(`${name}=x`))).toBe(true);
    }
    expect(hasFilterParams(filtersToParams({ ...EMPTY_FILTERS, open: 'questions' }))).toBe(true);
    expect(hasFilterParams(new URLSearchParams('lesson=abc&view=digest&week=2025-03-03'))).toBe(false);
  });

  it('drops invalid values one by one instead of failing the whole URL', () => {
    const f = filtersFromParams(new URLSearchParams('kind=nonsense&site=jira&from=yesterday&sort=random&open=all&q=x'));
    expect(f).toEqual({ ...EMPTY_FILTERS, site: 'jira', q: 'x' });
  });

  it('normalises tags and accepts them comma-separated', () => {
    expect(filtersFromParams(new URLSearchParams('tag=%23Incident,DB&tag=db')).tags).toEqual(['incident', 'db']);
  });

  it('keeps the open lesson and the tab when filters change', () => {
    const base = new URLSearchParams('lesson=abc&view=digest&kind=mistake');
    expect(filtersToParams({ ...EMPTY_FILTERS, q: 'x' }, base).toString()).toBe('lesson=abc&view=digest&q=x');
  });

  it('turns a day range into local-midnight bounds, the end day included', () => {
    const [from, to] = dateRange({ from: '2025-03-01', to: '2025-03-02' });
    expect(from).toBe(new Date(2025, 2, 1).getTime());
    expect(to).toBe(new Date(2025, 2, 3).getTime());
    expect(dateRange({})).toEqual([-Infinity, Infinity]);
  });
});
