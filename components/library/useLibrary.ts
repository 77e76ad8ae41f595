import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import type { Lesson } from '@/lib/lesson';
import type { LiveLibrary } from '@/lib/library/kept-library';
import type { LibraryIndex } from '@/lib/library/library-index';
import { ALL_LOADED_MARK, INDEX_STORED_MARK } from '@/lib/library/marks';
import { listOf, RowCache, type ShownList } from '@/lib/library/shown';
import type { StoredIndexRead } from '@/lib/library/stored-read';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

/** Each lesson's runs are derived by then even on a busy page. */
const FORWARD_WITHIN_MS = 1000;

export interface LibraryData {
  /** The newest lessons, drawn while the index loads; null until read. */
  first: ShownList | null;
  /** Every live lesson, searchable; null while loading. */
  index: LibraryIndex | null;
  /** Bumped on every change of the index or of a row drawn, so views depending on them recompute. */
  version: number;
  loaded: number;
  error: string | null;
  /** The rows drawn, read by id. */
  rows: RowCache;
  /** Takes in lessons this page just wrote (the background's replies). */
  apply: (lessons: readonly Lesson[]) => void;
}

/**
 * Loads the library in two steps (the newest page, read while the page loaded, then the stored
 * index, lib/library/kept-library.ts) and keeps it current: this page's own writes are applied
 * from the replies at once, and every write (this page's, another tab's, the background's sync)
 * is read again by id from the lesson log.
 */
export function useLibrary(db: LessonDb, newest: Promise<Lesson[]>, storedIndex?: Promise<StoredIndexRead | null>): LibraryData {
  const [first, setFirst] = useState<ShownList | null>(null);
  const [index, setIndex] = useState<LibraryIndex | null>(null);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [rows] = useState(() => new RowCache());
  const indexRef = useRef<LibraryIndex | null>(null);

  const apply = useCallback((lessons: readonly Lesson[]) => {
    const redraw = rows.refresh(
      lessons.map((l) => l.id),
      new Map(lessons.map((l) => [l.id, l])),
    );
    const i = indexRef.current;
    const changed = i ? lessons.filter((l) => !i.holds(l)) : [];
    if (changed.length) i!.upsert(changed);
    if (changed.length || redraw) setVersion((v) => v + 1);
  }, []);

  // A layout effect: first rows read before the page's code came are drawn in the same frame as
  // the page, not a frame later (a passive effect runs after the page is painted).
  useLayoutEffect(() => {
    let live = true;
    let watch: LiveLibrary | null = null;
    const fail = (e: unknown) => live && setError(t('library.lessonsFailed', { error: errorText(e) }));
    const use = (i: LibraryIndex) => {
      indexRef.current = i;
      setIndex(i);
      setVersion((v) => v + 1);
    };
    // The first page is read and painted before the index loads: both need the main thread, and
    // the first paint matters more. The index's code (and zod, which checks what was stored)
    // loads after it.
    const painted = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    newest
      .then(async (ls) => {
        if (!live) return;
        rows.put(ls);
        setFirst(listOf(ls.map((l) => l.id)));
        await painted();
      })
      .catch(fail)
      .then(() => (live ? import('@/lib/library/kept-library') : null))
      .then((kept) => {
        if (!kept || !live) return null;
        watch = kept.watchLibraryIndex(db, {
          onProgress: (n) => live && setLoaded(n),
          onChange: (i, change) => {
            if (!live) return;
            if (change) rows.refresh(change.ids, change.lessons);
            else rows.clear();
            use(i);
          },
          onStored: () => performance.mark(INDEX_STORED_MARK),
          readAhead: storedIndex,
        });
        return watch.ready;
      })
      .then((i) => {
        if (!live || !i) return;
        performance.mark(ALL_LOADED_MARK);
        use(i);
        // A stored index comes without each lesson's runs (lib/library/library-index.ts): derived
        // once the page is idle, they speed up typing on; the search's results are the same without.
        requestIdleCallback(() => live && i.buildForward(), { timeout: FORWARD_WITHIN_MS });
      })
      .catch(fail);
    return () => {
      live = false;
      watch?.stop();
    };
  }, [db, newest]);

  return { first, index, version, loaded, error, rows, apply };
}
