import { useEffect, useRef, useState } from 'preact/hooks';
import { filtersToParams, type LibraryFilters } from '@/lib/library/filters';
import { clearPendingQuery, notePendingQuery, searchOf } from '@/lib/library/pending-query';

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

/**
 * Filters reach the URL once they have stayed put this long: a keystroke's results are painted
 * without waiting on `history.replaceState` (several ms a call in Chromium, at times far more),
 * and a word typed is one write.
 */
export const URL_WRITE_DELAY_MS = 500;

const params = () => new URLSearchParams(location.search);
const viewOf = (p: URLSearchParams): View => VIEWS.find((v) => v === p.get('view')) ?? 'lessons';

/** Rewrites the page URL in place, so every view can be bookmarked without filling the history. */
function writeUrl(p: URLSearchParams) {
  history.replaceState(null, '', `${location.pathname}${searchOf(p)}`);
}

function setParam(name: string, value: string | null | undefined) {
  const p = params();
  if (value) p.set(name, value);
  else p.delete(name);
  writeUrl(p);
}

/**
 * The library's state that lives in its URL (filters, view, week, open lesson): read from it on
 * opening and on history navigation, written back on every change (filters once they settle).
 */
export function useUrlState(initialFilters: LibraryFilters): UrlState {
  const [filters, setFilters] = useState<LibraryFilters>(initialFilters);
  const [view, setViewState] = useState<View>(() => viewOf(params()));
  const [week, setWeekState] = useState<string | undefined>(() => params().get('week') ?? undefined);
  const [openId, setOpenIdState] = useState<string | null>(() => params().get('lesson'));

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writeFilters = (leaving = false) => {
    clearTimeout(pending.current);
    pending.current = undefined;
    writeUrl(filtersToParams(filters, params()));
    // A reload has taken the URL before the page is left: the note is what brings them back.
    if (!leaving) clearPendingQuery(sessionStorage);
  };
  const flush = useRef(writeFilters);
  flush.current = writeFilters;
  useEffect(() => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => flush.current(), URL_WRITE_DELAY_MS);
    // A reload opens the URL as it is (too late for pagehide's write): the main script reads these back.
    const typed = searchOf(filtersToParams(filters, params()));
    if (typed !== location.search) notePendingQuery(sessionStorage, location.search, typed);
  }, [filters]);
  // Leaving the page (or the hook) writes what is pending; so does any other write of the URL, first.
  useEffect(() => {
    const leave = () => pending.current !== undefined && flush.current(true);
    addEventListener('pagehide', leave);
    return () => {
      removeEventListener('pagehide', leave);
      if (pending.current !== undefined) flush.current();
    };
  }, []);
  const setParamNow = (name: string, value: string | null | undefined) => {
    if (pending.current !== undefined) flush.current();
    setParam(name, value);
  };

  useEffect(() => {
    const onPop = () => {
      // The URL navigated to wins over filters not yet written.
      clearTimeout(pending.current);
      pending.current = undefined;
      clearPendingQuery(sessionStorage);
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
      setParamNow('view', v === 'lessons' ? null : v);
    },
    week,
    setWeek: (monday) => {
      setWeekState(monday);
      setParamNow('week', monday);
    },
    openId,
    setOpenId: (id) => {
      setOpenIdState(id);
      setParamNow('lesson', id);
    },
  };
}
