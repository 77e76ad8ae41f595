import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { storedRows } from '../db/stored-rows';
import { toRow, type LessonRow } from './rows';

/** The lessons a list shows, in order, as ids: the index's results hold no lesson. */
export interface ShownList {
  readonly length: number;
  idAt(i: number): string;
  /** Where `id` is in the list; -1 when it is not. */
  indexOf(id: string): number;
  ids(): string[];
}

export function listOf(ids: readonly string[]): ShownList {
  return { length: ids.length, idAt: (i) => ids[i], indexOf: (id) => ids.indexOf(id), ids: () => [...ids] };
}

/** Rows kept for drawing: a few screens of them, far fewer than the lessons. */
const KEPT_ROWS = 1000;

/**
 * The rows of the lessons drawn (the list is windowed), read by id from the database when first
 * drawn and kept for a while; lessons written since are read again or dropped.
 */
export class RowCache {
  private rows = new Map<string, LessonRow>();

  constructor(private readonly limit = KEPT_ROWS) {}

  get(id: string): LessonRow | undefined {
    return this.rows.get(id);
  }

  /** Of `ids`, those without a row yet. */
  missing(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.rows.has(id));
  }

  put(lessons: Iterable<Lesson>): void {
    for (const l of lessons) {
      if (l.deletedAt) this.rows.delete(l.id);
      else {
        this.rows.delete(l.id);
        this.rows.set(l.id, toRow(l));
      }
    }
    // A Map keeps insertion order: the rows read longest ago go first.
    for (const id of this.rows.keys()) {
      if (this.rows.size <= this.limit) break;
      this.rows.delete(id);
    }
  }

  /** Takes in written lessons that have a row (the others are read when drawn). */
  refresh(ids: readonly string[], lessons: ReadonlyMap<string, Lesson>): boolean {
    const kept = ids.filter((id) => this.rows.has(id));
    for (const id of kept) if (!lessons.has(id)) this.rows.delete(id);
    this.put(kept.flatMap((id) => lessons.get(id) ?? []));
    return kept.length > 0;
  }

  clear(): void {
    this.rows.clear();
  }

  async read(db: LessonDb, ids: readonly string[]): Promise<void> {
    const wanted = this.missing(ids);
    if (!wanted.length) return;
    const found = await storedRows(db.lessons, wanted);
    this.put(found.values());
  }
}
