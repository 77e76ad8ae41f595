import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import type { Lesson } from '@/lib/lesson';
import { ALL_LOADED_MARK } from '@/lib/library/marks';
import { followLessonWrites } from '@/lib/db/changes';
import { loadRows } from '@/lib/library/load';
import { storedRows } from '@/lib/db/stored-rows';
import { toRow, type LessonRow } from '@/lib/library/rows';
import { LessonIndex } from '@/lib/library/search';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

export interface LibraryData {
  /** The newest lessons, drawn while the rest load; null until read. */
  first: LessonRow[] | null;
  /** Every live lesson, searchable; null while loading. */
  index: LessonIndex | null;
  /** Bumped on every change of the index, so views depending on it recompute. */
  version: number;
  loaded: number;
  error: string | null;
  /** Takes in lessons this page just wrote (the background's replies). */
  apply: (lessons: readonly Lesson[]) => void;
}

/**
 * Loads the library in two steps (the newest page, read while the page loaded, then everything)
 * and keeps it current: this page's own writes are applied from the replies at once, and every
 * write (this page's, another tab's, the background's sync) is followed by the ids it touched,
 * which are read again, however old the lessons they name.
 */
export function useLibrary(db: LessonDb, newest: Promise<Lesson[]>): LibraryData {
  const [first, setFirst] = useState<LessonRow[] | null>(null);
  const [index, setIndex] = useState<LessonIndex | null>(null);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const indexRef = useRef<LessonIndex | null>(null);

  const apply = useCallback((lessons: readonly Lesson[]) => {
    const i = indexRef.current;
    if (!i) return;
    const changed = lessons.filter((l) => (l.deletedAt ? i.has(l.id) : i.get(l.id)?.updatedAt !== l.updatedAt));
    if (!changed.length) return;
    i.upsert(changed);
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    let live = true;
    const fail = (e: unknown) => live && setError(t('library.lessonsFailed', { error: errorText(e) }));
    const use = (i: LessonIndex) => {
      indexRef.current = i;
      setIndex(i);
      setVersion((v) => v + 1);
    };
    let built!: () => void;
    const loaded = new Promise<void>((done) => (built = done));
    // Followed from the start: writes made while the library loads are applied once it has.
    const unfollow = followLessonWrites(db, async (touched) => {
      await loaded;
      if (!live) return;
      if (touched.all) {
        // A clear or a bulk import elsewhere: read everything again, as on opening.
        const fresh = new LessonIndex();
        fresh.addRows(await loadRows(db));
        if (live) use(fresh);
        return;
      }
      const ids = [...touched.ids];
      const rows = await storedRows(db.lessons, ids);
      if (!live) return;
      apply([...rows.values()]);
      const gone = ids.filter((id) => !rows.has(id) && indexRef.current?.has(id));
      if (gone.length) {
        indexRef.current!.remove(gone);
        setVersion((v) => v + 1);
      }
    });
    // The first page is read and painted before the full load starts: both need the main thread
    // (a cursor step per row, a structured clone per page), and the first paint matters more.
    const painted = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    newest
      .then(async (ls) => {
        if (!live) return;
        setFirst(ls.map(toRow));
        await painted();
      })
      .catch(fail)
      .then(() => (live ? loadRows(db, (n) => live && setLoaded(n)) : null))
      .then((rows) => {
        if (!live || !rows) return;
        const i = new LessonIndex();
        i.addRows(rows);
        performance.mark(ALL_LOADED_MARK);
        use(i);
        built();
      })
      .catch(fail);
    return () => {
      live = false;
      unfollow();
    };
  }, [db, newest, apply]);

  return { first, index, version, loaded, error, apply };
}
