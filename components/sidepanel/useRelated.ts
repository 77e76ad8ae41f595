import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
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
 * query, as soon as the work item is known (from the tab's highlight report, before the page is
 * read); the full index (every lesson, built once per panel and kept current) is loaded after
 * that first paint, so the panel never waits for 10,000 rows to draw what matters most.
 */
export function useRelated(env: SidePanelEnv, page: PageInfo | null | undefined, reportedWorkItem: string | undefined): Related {
  const [index, setIndex] = useState<RelatedIndex | null>(null);
  const [tick, setTick] = useState(0);
  const [first, setFirst] = useState<{ workItem: string; rows: Lesson[] } | null>(null);
  const [wantIndex, setWantIndex] = useState(false);
  const [error, setError] = useState('');
  const workItem = page === undefined ? reportedWorkItem : page?.source.workItem;

  useEffect(() => {
    if (page === null) setWantIndex(true);
    if (!workItem || index) return;
    let live = true;
    env.db.lessons
      .where('source.workItem')
      .equals(workItem)
      .toArray()
      .then(
        (rows) => {
          if (!live) return;
          setFirst({ workItem, rows: rows.filter((l) => !l.deletedAt) });
          setWantIndex(true);
        },
        (e) => setError(message(e)),
      );
    return () => {
      live = false;
    };
  }, [workItem, page === null, index]);

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
  const early = useMemo(() => {
    if (!first || first.workItem !== workItem) return null;
    if (page) return workItemResults(page.source, page.text, first.rows);
    // Before the page is read: the work item's lessons say where they were captured.
    const any = first.rows[0];
    return any ? workItemResults({ ...any.source, workItem: first.workItem, title: '', labels: [] }, '', first.rows) : null;
  }, [first, workItem, page]);
  return { results: full ?? early, complete: !!full, lessonCount: index ? index.size : null, error };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
