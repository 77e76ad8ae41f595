import type { LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
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

/** Rows kept for drawing: a few screens of them and the lists' first rows, far fewer than the lessons. */
const KEPT_ROWS = 2000;
/**
 * The first rows of a list shown are read ahead: the next key typed narrows the list, and its
 * first rows are nearly always among them, so the list is drawn without waiting for a read.
 */
const AHEAD_ROWS = 150;

/**
 * The rows of the lessons drawn (the list is windowed), read by id from the database when first
 * drawn and kept for a while; lessons written since are read again or dropped.
 */
export class RowCache {
  private rows = new Map<string, LessonRow>();

  constructor(private readonly limit = KEPT_ROWS) {}

  /** The row of `id`, if read; it is kept longer, as one just used. */
  get(id: string): LessonRow | undefined {
    const row = this.rows.get(id);
    if (row) {
      this.rows.delete(id);
      this.rows.set(id, row);
    }
    return row;
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

  /** Reads the first rows of `list` that are not read yet. */
  async readAhead(db: LessonDb, list: ShownList): Promise<void> {
    await this.read(db, Array.from({ length: Math.min(list.length, AHEAD_ROWS) }, (_, i) => list.idAt(i)));
  }

  /**
   * Reads the rows of `ids` not read yet, in one bulkGet: never storedRows, whose choice of reads
   * counts the lessons first (IndexedDB walks every one, half a second at 100,000, and reads
   * queued behind it wait), for a few screens of rows.
   */
  async read(db: LessonDb, ids: readonly string[]): Promise<void> {
    const wanted = this.missing(ids);
    if (!wanted.length) return;
    const found = await db.lessons.bulkGet(wanted);
    this.put(found.filter((l): l is Lesson => l !== undefined));
  }
}
