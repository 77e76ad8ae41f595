import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PageInfo } from '@/lib/platform/page';
import { relatedLessons, type RelatedIndex, type RelatedResult } from '@/lib/related';
import type { SidePanelEnv } from './env';
import { PANEL_LIMIT, workItemResults } from './model';

export interface Related {
  /** Every section (full index ready), or only the work item's (from a Dexie query), or null while reading. */
  results: RelatedResult[] | null;
  complete: boolean;
  /** Live lessons stored; null until the index is built. */
  lessonCount: number | null;
  error: string;
}

/**
 * The related lessons of the page. The work item's own lessons come first from one Dexie index
 * query; the full index (every lesson, built once per panel and kept current) is loaded after
 * that first paint, so the panel never waits for 10,000 rows to draw what matters most.
 */
export function useRelated(env: SidePanelEnv, page: PageInfo | null | undefined): Related {
  const [index, setIndex] = useState<RelatedIndex | null>(null);
  const [tick, setTick] = useState(0);
  const [first, setFirst] = useState<{ workItem: string; results: RelatedResult[] } | null>(null);
  const [wantIndex, setWantIndex] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!page) {
      if (page === null) setWantIndex(true);
      return;
    }
    if (index) return;
    let live = true;
    const { source, text } = page;
    env.db.lessons
      .where('source.workItem')
      .equals(source.workItem)
      .toArray()
      .then(
        (rows) => {
          if (!live) return;
          setFirst({ workItem: source.workItem, results: workItemResults(source, text, rows) });
          setWantIndex(true);
        },
        (e) => setError(message(e)),
      );
    return () => {
      live = false;
    };
  }, [page, index]);

  useEffect(() => {
    if (!wantIndex) return;
    const watched = env.watchIndex((next) => {
      setIndex(next);
      setTick((t) => t + 1);
    });
    watched.ready.then((ready) => setIndex(watched.current() ?? ready), (e) => setError(message(e)));
    return () => watched.stop();
  }, [wantIndex]);

  const full = useMemo(() => (index && page ? relatedLessons(page.source, page.text, index, { limit: PANEL_LIMIT }) : null), [index, tick, page]);
  const early = page && first?.workItem === page.source.workItem ? first.results : null;
  return { results: full ?? early, complete: !!full, lessonCount: index ? index.size : null, error };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
