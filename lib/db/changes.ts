import Dexie, { RangeSet, cmp, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import type { LessonDb } from './database';

/** What a batch of writes to the lessons touched: a few ids, or (a range write, a clear) everything. */
export type Touched = { all: true } | { all: false; ids: Set<string> };

/**
 * Calls `handle` with the lessons each batch of writes touched, one call at a time: writes that
 * land while a call runs are merged into the next. Dexie announces every write as ranges of
 * primary keys, those made in other pages and the background worker included (through its
 * BroadcastChannel), so a page holding lessons in memory refreshes only what changed. A handler
 * that fails leaves its batch behind; the next write refreshes what it touches.
 */
export function followLessonWrites(db: LessonDb, handle: (touched: Touched) => Promise<void>): () => void {
  const part = `idb://${db.name}/lessons/`;
  let pending: Touched | null = null;
  let running = false;
  let stopped = false;

  const drain = async () => {
    running = true;
    while (pending && !stopped) {
      const batch = pending;
      pending = null;
      await handle(batch).catch(() => {});
    }
    running = false;
  };
  const note = (touched: Touched | null) => {
    if (!touched || stopped) return;
    pending = merge(pending, touched);
    if (!running) void drain();
  };
  const listener = (parts: ObservabilitySet) => note(touchedIds(parts, part));
  // A database deleted or upgraded under us (site data cleared, another version of the extension)
  // names no ranges: everything held in memory is stale. Dexie reopens on the next read.
  const replaced = () => note({ all: true });
  Dexie.on('storagemutated', listener);
  db.on('versionchange', replaced);
  return () => {
    stopped = true;
    Dexie.on.storagemutated.unsubscribe(listener);
    db.on.versionchange.unsubscribe(replaced);
  };
}

/** The lesson ids a mutation report names, or `{all}` when it names ranges; null when lessons are untouched. */
function touchedIds(parts: ObservabilitySet, part: string): Touched | null {
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
