import type { Lesson } from '../lesson';
import { dateRange, type LibraryFilters } from './filters';
import { haystackOf, newestFirst, toRow, type LessonRow } from './rows';

/** Rows never share a character with a query: a token cannot match across two lessons. */
const SEP = '\u0000';

/** Lower-cased words of a query, longest first (the rarest, usually: it is scanned first). */
export function tokenize(q: string): string[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

export interface Facets {
  /** Tags with the number of lessons carrying them, most used first. */
  tags: [string, number][];
  projects: string[];
  authors: string[];
}

/**
 * The library's in-memory search: rows kept newest first, and one lower-cased string holding
 * every row's text (so a search is a few `indexOf` calls over one flat string, not 100,000 small
 * ones). Each row's own text is a slice of that string, which costs a pointer, not a copy.
 */
export class LessonIndex {
  private rows: LessonRow[] = [];
  private hay: string[] = [];
  private text = '';
  private starts = new Int32Array(1);
  private byId = new Map<string, number>();
  private helpedOrder: Int32Array | null = null;
  private facetCache: Facets | null = null;

  constructor(lessons: readonly Lesson[] = []) {
    this.upsert(lessons);
  }

  get size(): number {
    return this.rows.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every row, newest first. */
  all(): readonly LessonRow[] {
    return this.rows;
  }

  get(id: string): LessonRow | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.rows[i];
  }

  /** Adds or replaces lessons; deleted ones (tombstones) leave the index. */
  upsert(lessons: readonly Lesson[]): void {
    this.replace(
      lessons.filter((l) => !l.deletedAt).map((l) => [toRow(l), haystackOf(l)] as const),
      lessons.map((l) => l.id),
    );
  }

  /** Adds rows whose haystacks were computed elsewhere (while loading, so the full lessons can go). */
  addRows(entries: readonly (readonly [LessonRow, string])[]): void {
    this.replace(entries, entries.map(([r]) => r.id));
  }

  remove(ids: readonly string[]): void {
    this.replace([], ids);
  }

  private replace(entries: readonly (readonly [LessonRow, string])[], dropIds: readonly string[]): void {
    const drop = new Set(dropIds);
    const kept: [LessonRow, string][] = [];
    this.rows.forEach((r, i) => {
      if (!drop.has(r.id)) kept.push([r, this.hay[i]]);
    });
    for (const [r, h] of entries) kept.push([r, h]);
    kept.sort((a, b) => newestFirst(a[0], b[0]));
    this.rows = kept.map((e) => e[0]);
    this.text = kept.map((e) => e[1]).join(SEP) + SEP;
    this.starts = new Int32Array(kept.length + 1);
    this.byId = new Map();
    let at = 0;
    this.hay = kept.map(([r, h], i) => {
      this.starts[i] = at;
      this.byId.set(r.id, i);
      at += h.length + 1;
      return this.text.slice(this.starts[i], at - 1);
    });
    this.starts[kept.length] = at;
    this.helpedOrder = null;
    this.facetCache = null;
  }

  /** The row whose text holds character `pos` of the joined text. */
  private rowAt(pos: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Rows holding every token, as flags by row position; null when there is nothing to search for. */
  private textMatches(tokens: string[]): Uint8Array | null {
    if (!tokens.length) return null;
    const hit = new Uint8Array(this.rows.length);
    const [first, ...rest] = tokens;
    let pos = this.text.indexOf(first);
    while (pos >= 0) {
      const r = this.rowAt(pos);
      if (rest.every((t) => this.hay[r].includes(t))) hit[r] = 1;
      pos = this.text.indexOf(first, this.starts[r + 1]);
    }
    return hit;
  }

  private order(sort: LibraryFilters['sort']): (visit: (i: number) => void) => void {
    const n = this.rows.length;
    if (sort === 'oldest') return (visit) => { for (let i = n - 1; i >= 0; i--) visit(i); };
    if (sort === 'helped') {
      if (!this.helpedOrder) {
        const order = Int32Array.from({ length: n }, (_, i) => i);
        // Positions are already newest first, so equal counts keep that order.
        order.sort((a, b) => this.rows[b].helped - this.rows[a].helped || a - b);
        this.helpedOrder = order;
      }
      const order = this.helpedOrder;
      return (visit) => { for (let k = 0; k < n; k++) visit(order[k]); };
    }
    return (visit) => { for (let i = 0; i < n; i++) visit(i); };
  }

  /** The rows the filters let through, in the filters' order. */
  query(f: LibraryFilters): LessonRow[] {
    const hit = this.textMatches(tokenize(f.q));
    const [from, to] = dateRange(f);
    const project = f.project?.toLowerCase();
    const author = f.author?.toLowerCase();
    const out: LessonRow[] = [];
    this.order(f.sort)((i) => {
      if (hit && !hit[i]) return;
      const r = this.rows[i];
      if (f.kind && r.kind !== f.kind) return;
      if (f.site && r.source.site !== f.site) return;
      if (f.visibility && r.visibility !== f.visibility) return;
      if (project !== undefined && r.source.project?.toLowerCase() !== project) return;
      if (author !== undefined && r.author?.toLowerCase() !== author) return;
      if (r.created < from || r.created >= to) return;
      if (f.open === 'questions' && r.kind !== 'question') return;
      if (f.open === 'actions' && r.openActions === 0) return;
      for (const t of f.tags) if (!r.tags.includes(t)) return;
      out.push(r);
    });
    return out;
  }

  /** Values to offer in the filter controls, computed once per change of the index. */
  facets(): Facets {
    if (this.facetCache) return this.facetCache;
    const tags = new Map<string, number>();
    const projects = new Set<string>();
    const authors = new Set<string>();
    for (const r of this.rows) {
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
