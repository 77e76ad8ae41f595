import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import type { PageInfo } from '@/lib/platform/page';
import type { RelatedIndex, RelatedResult } from '@/lib/related/rank';
import type { SidePanelEnv } from './env';
import { PANEL_LIMIT } from '@/lib/related/panel-limit';
import { workItemResults } from './model';
import { errorText } from '@/lib/error-text';

export interface Related {
  /** Every section (full index ready), or only the work item's (from an index query), or null while reading. */
  results: RelatedResult[] | null;
  complete: boolean;
  /** Live lessons stored; null until the index is built. */
  lessonCount: number | null;
  error: string;
}

type Ranking = typeof import('@/lib/related/rank');

/**
 * The related lessons of the page. The work item's own lessons come first from one IndexedDB index
 * query, as soon as the work item is known (from the tab's highlight report, before the page is
 * read); the full index (every lesson, built once per panel and kept current) and the ranking
 * code load after that first paint, so the panel never waits for 10,000 rows to draw what
 * matters most.
 */
export function useRelated(env: SidePanelEnv, page: PageInfo | null | undefined, reportedWorkItem: string | undefined): Related {
  const [ranked, setRanked] = useState<{ index: RelatedIndex; ranking: Ranking } | null>(null);
  const [tick, setTick] = useState(0);
  const [first, setFirst] = useState<{ workItem: string; rows: Lesson[] } | null>(null);
  const [wantIndex, setWantIndex] = useState(false);
  const [error, setError] = useState('');
  const workItem = page === undefined ? reportedWorkItem : page?.source.workItem;

  // A layout effect: the query starts in the render that learned the work item, not a frame later.
  useLayoutEffect(() => {
    if (page === null) setWantIndex(true);
    if (!workItem || ranked) return;
    let live = true;
    env
      .workItemLessons(workItem)
      .then(
        (rows) => {
          if (!live) return;
          setFirst({ workItem, rows });
          setWantIndex(true);
        },
        (e) => setError(errorText(e)),
      );
    return () => {
      live = false;
    };
  }, [workItem, page === null, ranked]);

  useEffect(() => {
    if (!wantIndex) return;
    let stop = false;
    let watched: Awaited<ReturnType<SidePanelEnv['watchIndex']>> | null = null;
    env
      .watchIndex((index) => {
        if (watched) setRanked({ index, ranking: watched.related });
        setTick((t) => t + 1);
      })
      .then(async (w) => {
        watched = w;
        if (stop) return w.live.stop();
        const ready = await w.live.ready;
        setRanked({ index: w.live.current() ?? ready, ranking: w.related });
      })
      .catch((e) => setError(errorText(e)));
    return () => {
      stop = true;
      watched?.live.stop();
    };
  }, [wantIndex]);

  const full = useMemo(
    () => (ranked && page ? ranked.ranking.relatedLessons(page.source, page.text, ranked.index, { limit: PANEL_LIMIT }) : null),
    [ranked, tick, page],
  );
  const early = useMemo(() => (first && first.workItem === workItem && first.rows.length ? workItemResults(workItem, first.rows) : null), [first, workItem]);
  // A read page whose work item has no lessons draws its (empty) first sections at once.
  const queried = first?.workItem === workItem;
  return { results: full ?? early ?? (queried && page ? [] : null), complete: !!full, lessonCount: ranked ? ranked.index.size : null, error };
}
