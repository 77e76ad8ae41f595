import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { filtersToParams, type LibraryFilters } from '@/lib/library/filters';

export const VIEWS = ['lessons', 'digest', 'transfer'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  filters: LibraryFilters;
  setFilters: (filters: LibraryFilters) => void;
  view: View;
  setView: (view: View) => void;
  /** Monday of the week the look back shows, when one was chosen. */
  week: string | undefined;
  setWeek: (monday: string) => void;
  /** The lesson open in the editor. */
  openId: string | null;
  setOpenId: (id: string | null) => void;
}

const params = () => new URLSearchParams(location.search);
const viewOf = (p: URLSearchParams): View => VIEWS.find((v) => v === p.get('view')) ?? 'lessons';

/** Rewrites the page URL in place, so every view can be bookmarked without filling the history. */
function writeUrl(p: URLSearchParams) {
  const query = p.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

function setParam(name: string, value: string | null | undefined) {
  const p = params();
  if (value) p.set(name, value);
  else p.delete(name);
  writeUrl(p);
}

/**
 * The library's state that lives in its URL (filters, view, week, open lesson): read from it on
 * opening and on history navigation, written back on every change.
 */
export function useUrlState(initialFilters: LibraryFilters): UrlState {
  const [filters, setFilters] = useState<LibraryFilters>(initialFilters);
  const [view, setViewState] = useState<View>(() => viewOf(params()));
  const [week, setWeekState] = useState<string | undefined>(() => params().get('week') ?? undefined);
  const [openId, setOpenIdState] = useState<string | null>(() => params().get('lesson'));

  // In the same commit as the list it describes: a bookmark taken as the results appear is that view.
  useLayoutEffect(() => writeUrl(filtersToParams(filters, params())), [filters]);

  useEffect(() => {
    const onPop = () => {
      const p = params();
      // The plain page loads no zod; a URL naming filters is parsed with the schema.
      void import('@/lib/library/filter-schema').then((m) => setFilters(m.filtersFromParams(p)));
      setViewState(viewOf(p));
      setOpenIdState(p.get('lesson'));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  return {
    filters,
    setFilters,
    view,
    setView: (v) => {
      setViewState(v);
      setParam('view', v === 'lessons' ? null : v);
    },
    week,
    setWeek: (monday) => {
      setWeekState(monday);
      setParam('week', monday);
    },
    openId,
    setOpenId: (id) => {
      setOpenIdState(id);
      setParam('lesson', id);
    },
  };
}
