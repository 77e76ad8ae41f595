// The library's search as it was before the compact index (lib/library/library-index.ts): one
// object and one lower-cased haystack per lesson. Kept as the reference the compact index must
// answer exactly like.
import type { Lesson } from '../../lib/lesson';
import { dateRange, type LibraryFilters } from '../../lib/library/filters';
import { haystackOf, newestFirst, toRow, type LessonRow } from '../../lib/library/rows';
import { narrows, tokenize, type Facets } from '../../lib/library/search';

/** Rows never share a character with a query: a token cannot match across two lessons. */
const SEP = '\u0000';
/** Changed rows searched one by one before the joined text is rebuilt. */
const MAX_DIRTY = 2000;

/**
 * The library's in-memory search. Each lesson has a slot (its row and lower-cased text); the
 * texts of all slots are joined into one string, so a search is a few `indexOf` calls over one
 * flat string rather than 100,000 small ones, and each slot's own text is a slice of it (a pointer,
 * not a copy). Edits don't rebuild that string: changed and new slots are searched one by one
 * until there are many of them. Typing forward only re-checks the previous matches.
 */
export class LessonIndex {
  private rows: (LessonRow | null)[] = [];
  private hay: string[] = [];
  private byId = new Map<string, number>();
  /** Slots, newest first. */
  private order: number[] = [];
  private text = '';
  /** Where each slot's text starts in `text`; slots from `textSlots` on are not in it. */
  private starts = new Int32Array(1);
  private textSlots = 0;
  private dirty = new Set<number>();
  private helpedOrder: number[] | null = null;
  private facetCache: Facets | null = null;
  private last: { tokens: string[]; slots: Int32Array } | null = null;

  constructor(lessons: readonly Lesson[] = []) {
    this.upsert(lessons);
  }

  get size(): number {
    return this.order.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): LessonRow | undefined {
    const s = this.byId.get(id);
    return s === undefined ? undefined : (this.rows[s] ?? undefined);
  }

  /** Every row, newest first. */
  all(): LessonRow[] {
    return this.order.map((s) => this.rows[s]!);
  }

  /** Adds or replaces lessons; deleted ones (tombstones) leave the index. */
  upsert(lessons: readonly Lesson[]): void {
    const live = lessons.filter((l) => !l.deletedAt);
    this.remove(lessons.filter((l) => l.deletedAt).map((l) => l.id));
    this.addRows(live.map((l) => [toRow(l), haystackOf(l)] as const));
  }

  /** Adds or replaces rows whose texts were computed elsewhere (while loading, so the full lessons can go). */
  addRows(entries: readonly (readonly [LessonRow, string])[]): void {
    if (!entries.length) return;
    const fresh: number[] = [];
    for (const [row, hay] of entries) {
      const slot = this.byId.get(row.id);
      if (slot !== undefined) {
        const moved = this.rows[slot]!.created !== row.created;
        this.rows[slot] = row;
        this.hay[slot] = hay;
        this.dirty.add(slot);
        if (moved) {
          this.order.splice(this.order.indexOf(slot), 1);
          fresh.push(slot);
        }
      } else {
        const s = this.rows.length;
        this.rows.push(row);
        this.hay.push(hay);
        this.byId.set(row.id, s);
        fresh.push(s);
      }
    }
    const cmp = (a: number, b: number) => newestFirst(this.rows[a]!, this.rows[b]!);
    if (fresh.length > 64) {
      this.order.push(...fresh);
      this.order.sort(cmp);
    } else {
      for (const s of fresh) this.order.splice(this.insertAt(s, cmp), 0, s);
    }
    this.changed();
  }

  remove(ids: readonly string[]): void {
    const gone = new Set<number>();
    for (const id of ids) {
      const s = this.byId.get(id);
      if (s === undefined) continue;
      this.byId.delete(id);
      this.rows[s] = null;
      this.hay[s] = '';
      this.dirty.add(s);
      gone.add(s);
    }
    if (!gone.size) return;
    this.order = this.order.filter((s) => !gone.has(s));
    this.changed();
  }

  private insertAt(slot: number, cmp: (a: number, b: number) => number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(this.order[mid], slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private changed(): void {
    this.helpedOrder = null;
    this.facetCache = null;
    this.last = null;
    if (this.dirty.size + this.rows.length - this.textSlots > MAX_DIRTY) this.rejoin();
  }

  /** Joins every slot's text into one string again (dropping removed slots' text). */
  private rejoin(): void {
    const n = this.rows.length;
    this.text = this.hay.join(SEP) + SEP;
    this.starts = new Int32Array(n + 1);
    let at = 0;
    for (let s = 0; s < n; s++) {
      this.starts[s] = at;
      at += this.hay[s].length + 1;
      this.hay[s] = this.text.slice(this.starts[s], at - 1);
    }
    this.starts[n] = at;
    this.textSlots = n;
    this.dirty.clear();
  }

  /** The slot whose text holds character `pos` of the joined text. */
  private slotAt(pos: number): number {
    let lo = 0;
    let hi = this.textSlots - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Slots whose text holds every token. */
  private textMatches(tokens: string[]): Int32Array {
    const out: number[] = [];
    const holdsAll = (s: number) => this.rows[s] !== null && tokens.every((t) => this.hay[s].includes(t));
    if (this.last && narrows(this.last.tokens, tokens)) {
      for (const s of this.last.slots) if (holdsAll(s)) out.push(s);
    } else {
      const [first, ...rest] = tokens;
      let pos = this.text.indexOf(first);
      while (pos >= 0) {
        const s = this.slotAt(pos);
        if (!this.dirty.has(s) && rest.every((t) => this.hay[s].includes(t))) out.push(s);
        pos = this.text.indexOf(first, this.starts[s + 1]);
      }
      for (const s of this.dirty) if (holdsAll(s)) out.push(s);
      for (let s = this.textSlots; s < this.rows.length; s++) if (!this.dirty.has(s) && holdsAll(s)) out.push(s);
    }
    const slots = Int32Array.from(out);
    this.last = { tokens, slots };
    return slots;
  }

  private sorted(sort: LibraryFilters['sort']): readonly number[] {
    if (sort !== 'helped') return this.order;
    if (!this.helpedOrder) {
      const rank = new Int32Array(this.rows.length);
      this.order.forEach((s, i) => (rank[s] = i));
      // Equal counts keep the newest-first order.
      this.helpedOrder = [...this.order].sort((a, b) => this.rows[b]!.helped - this.rows[a]!.helped || rank[a] - rank[b]);
    }
    return this.helpedOrder;
  }

  /** The rows the filters let through, in the filters' order. */
  query(f: LibraryFilters): LessonRow[] {
    const tokens = tokenize(f.q);
    let hit: Uint8Array | null = null;
    if (tokens.length) {
      hit = new Uint8Array(this.rows.length);
      for (const s of this.textMatches(tokens)) hit[s] = 1;
    }
    const [from, to] = dateRange(f);
    const project = f.project?.toLowerCase();
    const author = f.author?.toLowerCase();
    const out: LessonRow[] = [];
    const order = this.sorted(f.sort);
    const n = order.length;
    for (let k = 0; k < n; k++) {
      const s = order[f.sort === 'oldest' ? n - 1 - k : k];
      if (hit && !hit[s]) continue;
      const r = this.rows[s]!;
      if (f.kind && r.kind !== f.kind) continue;
      if (f.site && r.source.site !== f.site) continue;
      if (f.visibility && r.visibility !== f.visibility) continue;
      if (project !== undefined && r.source.project?.toLowerCase() !== project) continue;
      if (author !== undefined && r.author?.toLowerCase() !== author) continue;
      if (r.created < from || r.created >= to) continue;
      if (f.open === 'questions' && r.kind !== 'question') continue;
      if (f.open === 'actions' && r.openActions === 0) continue;
      if (f.tags.length && !f.tags.every((t) => r.tags.includes(t))) continue;
      out.push(r);
    }
    return out;
  }

  /** Values to offer in the filter controls, computed once per change of the index. */
  facets(): Facets {
    if (this.facetCache) return this.facetCache;
    const tags = new Map<string, number>();
    const projects = new Set<string>();
    const authors = new Set<string>();
    for (const s of this.order) {
      const r = this.rows[s]!;
      for (const t of r.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
      if (r.source.project) projects.add(r.source.project);
      if (r.author) authors.add(r.author);
    }
    const byName = (a: string, b: string) => a.localeCompare(b);
    this.facetCache = {
      tags: [...tags.entries()].sort((a, b) => b[1] - a[1] || byName(a[0], b[0])),
      projects: [...projects].sort(byName),
      authors: [...authors].sort(byName),
    };
    return this.facetCache;
  }
}
