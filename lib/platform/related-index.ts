import Dexie, { RangeSet, cmp, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import type { LessonDb } from '../db';
import type { Lesson } from '../lesson';
import { createRelatedIndex, type RelatedIndex } from '../related';

export interface LiveRelatedIndex {
  /** The index over every live lesson, built once from the database. */
  ready: Promise<RelatedIndex>;
  /** The index as it is now: a range write (a clear, a bulk import) replaces it with a new one. */
  current(): RelatedIndex | null;
  stop(): void;
}

/** What a batch of writes touched: a few ids, or (a range write, a clear) everything. */
type Touched = { all: true } | { all: false; ids: Set<string> };

/**
 * Builds the related-lessons index from Dexie once and keeps it current: Dexie announces every
 * write (the background worker's included, through its BroadcastChannel) as ranges of primary
 * keys, and only those rows are read again. A 10,000-lesson index is never rebuilt per page or
 * per write, except after a range write such as a clear, which is rare.
 */
export function watchRelatedIndex(db: LessonDb, onChange: (index: RelatedIndex) => void): LiveRelatedIndex {
  const part = `idb://${db.name}/lessons/`;
  let index: RelatedIndex | null = null;
  let pending: Touched | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const listener = (parts: ObservabilitySet) => {
    const touched = touchedIds(parts, part);
    if (!touched) return;
    pending = merge(pending, touched);
    if (index && !running) running = drain();
  };

  const drain = async (): Promise<void> => {
    while (pending && !stopped) {
      const batch = pending;
      pending = null;
      try {
        if (batch.all) index = createRelatedIndex(await db.lessons.toArray());
        else await refresh(db, index!, [...batch.ids]);
      } catch {
        // A failed read leaves the index as it was; the next write refreshes what it touches.
        continue;
      }
      if (!stopped) onChange(index!);
    }
    running = null;
  };

  // Listen before reading, so a write landing during the first read is applied after it.
  Dexie.on('storagemutated', listener);
  const ready = db.lessons.toArray().then((lessons) => {
    index = createRelatedIndex(lessons);
    if (pending) running = drain();
    return index;
  });
  return {
    ready,
    current: () => index,
    stop() {
      stopped = true;
      Dexie.on.storagemutated.unsubscribe(listener);
    },
  };
}

async function refresh(db: LessonDb, index: RelatedIndex, ids: string[]): Promise<void> {
  const rows = await db.lessons.bulkGet(ids);
  rows.forEach((row: Lesson | undefined, i) => {
    if (row) index.add(row);
    else index.remove(ids[i]);
  });
}

/** The lesson ids a mutation report names, or `{all}` when it names ranges; null when lessons are untouched. */
export function touchedIds(parts: ObservabilitySet, part: string): Touched | null {
  if (parts.all) return { all: true };
  const tree = parts[part];
  if (!tree || !('from' in tree)) return null;
  const ids = new Set<string>();
  for (const node of nodes(tree)) {
    if (cmp(node.from, node.to) !== 0 || typeof node.from !== 'string') return { all: true };
    ids.add(node.from);
  }
  return ids.size ? { all: false, ids } : null;
}

function nodes(tree: IntervalTree): Iterable<IntervalTreeNode> {
  return new RangeSet().add(tree) as Iterable<IntervalTreeNode>;
}

function merge(a: Touched | null, b: Touched): Touched {
  if (!a) return b;
  if (a.all || b.all) return { all: true };
  for (const id of b.ids) a.ids.add(id);
  return a;
}
