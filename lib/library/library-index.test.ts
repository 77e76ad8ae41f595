import { describe, expect, it } from 'vitest';
import { lessonsFromPassages } from '../../bench/corpus/lessons';
import { readManCorpus } from '../../bench/corpus/manpages';
import { jiraCorpus } from '../../bench/jira-corpus';
import { LessonIndex } from '../../test/support/library-reference';
import { prng } from '../../test/support/prng';
import type { Lesson } from '../lesson';
import { EMPTY_FILTERS, type LibraryFilters } from './filters';
import { LibraryIndex, snapshotBytes } from './library-index';

/**
 * The compact index against the library's search as it was (one object and haystack per lesson,
 * test/support/library-reference.ts) on the bench corpora: the same lessons in the same order
 * for every query, filter and sort, and the same facets, before and after edits and a round trip
 * through a stored snapshot.
 */
const corpus = readManCorpus(130_000, 3_000);
const MAN_LESSONS = 4_000;

function lessons(): Lesson[] {
  return [...jiraCorpus(600, { start: Date.UTC(2022, 0, 1), questionEvery: 7 }), ...lessonsFromPassages(corpus.lessons, MAN_LESSONS)];
}

const f = (over: Partial<LibraryFilters>): LibraryFilters => ({ ...EMPTY_FILTERS, ...over });

/** Queries a person types: the bench's, key by key; words and pieces of words of held-out man pages. */
function queries(seed: number, count: number): string[] {
  const rand = prng(seed);
  const typed = (q: string) => Array.from({ length: q.length }, (_, k) => q.slice(0, k + 1));
  const out = [...typed('socket buffer size'), 'SOCKET', 'buffer-size', 'manpages.test/', 'p1', '\u0001', 'a\u0000b', 'zzqx', ''];
  for (let i = 0; i < count; i++) {
    const text = corpus.queries[Math.floor(rand() * corpus.queries.length)].text.toLowerCase();
    const words = text.split(/\s+/).filter(Boolean);
    const pick = () => {
      const w = words[Math.floor(rand() * words.length)] ?? 'x';
      const from = Math.floor(rand() * w.length);
      return rand() < 0.5 ? w : w.slice(from, from + 1 + Math.floor(rand() * 5));
    };
    const q = Array.from({ length: 1 + Math.floor(rand() * 3) }, pick).join(' ');
    out.push(...(rand() < 0.3 ? typed(q) : [q]));
  }
  return out;
}

function filterSets(all: readonly Lesson[]): LibraryFilters[] {
  const tagged = all.find((l) => l.tags.length > 1)!;
  return [
    EMPTY_FILTERS,
    f({ sort: 'oldest' }),
    f({ sort: 'helped' }),
    f({ kind: 'mistake' }),
    f({ kind: 'question', sort: 'helped' }),
    f({ site: 'jira' }),
    f({ site: 'web', visibility: 'private' }),
    f({ project: 'p1' }),
    f({ project: 'acme' }),
    f({ author: all.find((l) => l.author)?.author?.toUpperCase() }),
    f({ tags: tagged.tags }),
    f({ tags: [tagged.tags[0]], sort: 'oldest' }),
    f({ tags: ['no-such-tag'] }),
    f({ from: '2022-02-01', to: '2023-01-02' }),
    f({ open: 'questions' }),
    f({ open: 'actions', sort: 'helped' }),
  ];
}

function expectSame(index: LibraryIndex, reference: LessonIndex, qs: readonly string[], filters: readonly LibraryFilters[]): void {
  expect(index.size).toBe(reference.size);
  expect(index.facets()).toEqual(reference.facets());
  for (const q of qs) {
    const want = reference.query(f({ q })).map((r) => r.id);
    expect(index.query(f({ q })).ids(), q).toEqual(want);
  }
  for (const filter of filters) {
    for (const q of ['', 'socket', 'the', 'err']) {
      const one = { ...filter, q };
      expect(index.query(one).ids(), JSON.stringify(one)).toEqual(reference.query(one).map((r) => r.id));
    }
  }
}

/**
 * Edits a person and a sync make: new text and tags, new dates, deletions, restores, new lessons;
 * a lesson once per batch, as a batch is read back from the database.
 */
function edits(all: Lesson[], rand: () => number, count: number): Lesson[] {
  const out: Lesson[] = [];
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) {
    const k = Math.floor(rand() * all.length);
    if (picked.has(k)) continue;
    picked.add(k);
    const l = all[k];
    const other = corpus.queries[Math.floor(rand() * corpus.queries.length)].text.slice(0, 300);
    const r = rand();
    const updatedAt = new Date(Date.UTC(2030, 0, 1) + i * 1000 + Math.floor(rand() * 1e6)).toISOString();
    let next: Lesson;
    if (r < 0.3) next = { ...l, note: other, updatedAt };
    else if (r < 0.45) next = { ...l, tags: rand() < 0.5 ? [] : ['edited', ...l.tags.slice(1)], helped: l.helped + 3, updatedAt };
    else if (r < 0.6) next = { ...l, createdAt: new Date(Date.UTC(2021, 0, 1) + Math.floor(rand() * 1e11)).toISOString(), updatedAt };
    else if (r < 0.75) next = { ...l, deletedAt: updatedAt, updatedAt };
    else if (r < 0.85) next = { ...l, deletedAt: undefined, updatedAt };
    else {
      next = { ...l, id: `c0000000-0000-4000-8000-${(all.length + i).toString(16).padStart(12, '0')}`, quote: other, updatedAt };
      all.push(next);
      out.push(next);
      continue;
    }
    all[k] = next;
    out.push(next);
  }
  return out;
}

describe('LibraryIndex against the library search it replaces', () => {
  it('answers every query, filter and sort the same on the bench corpora', () => {
    const all = lessons();
    const index = LibraryIndex.from(all);
    const reference = new LessonIndex(all);
    expectSame(index, reference, queries(1, 150), filterSets(all));
  });

  it('stays the same through edits, a stored snapshot, and more edits', () => {
    const all = lessons();
    const rand = prng(7);
    let index = LibraryIndex.from(all);
    const reference = new LessonIndex(all);
    const qs = queries(2, 40);
    const filters = filterSets(all);
    for (let round = 0; round < 4; round++) {
      const batch = edits(all, rand, round === 1 ? 300 : 40);
      index.upsert(batch);
      reference.upsert(batch);
      const gone = all.filter((_, i) => i % 97 === round).map((l) => l.id);
      index.remove(gone);
      reference.remove(gone);
      expectSame(index, reference, qs, filters);
      if (round === 1) index = LibraryIndex.restore(structuredClone(index.snapshot()));
    }
    for (const l of all.slice(0, 50)) expect(index.holds(l)).toBe(reference.get(l.id)?.updatedAt === l.updatedAt || (!!l.deletedAt && !reference.has(l.id)));
  });

  it('answers the same from a stored snapshot before and after each slot\'s runs are derived, which are not stored', () => {
    const all = lessons();
    const snap = LibraryIndex.from(all).snapshot();
    expect(Object.keys(snap).filter((k) => k.startsWith('fwd'))).toEqual([]);
    const restored = LibraryIndex.restore(structuredClone(snap));
    expect(restored.hasForward).toBe(false);
    const reference = new LessonIndex(all);
    const qs = queries(4, 40);
    expectSame(restored, reference, qs, filterSets(all));
    restored.buildForward();
    expect(restored.hasForward).toBe(true);
    expectSame(restored, reference, qs, filterSets(all));
  });

  it('builds the same index whatever order the lessons come in', () => {
    const all = lessons().slice(0, 800);
    const shuffled = LibraryIndex.from([...all].reverse());
    expectSame(shuffled, new LessonIndex(all), queries(3, 20), filterSets(all));
  });

  it('lists ids and what the look back needs, newest first', () => {
    const all = lessons().slice(0, 500);
    const index = LibraryIndex.from(all);
    const reference = new LessonIndex(all);
    expect(index.ids()).toEqual(reference.all().map((r) => r.id));
    expect([...index.metas()]).toEqual(reference.all().map((r) => ({ id: r.id, created: r.created, kind: r.kind, actionCount: r.actionCount })));
    const results = index.query(f({ q: 'retry' }));
    const k = Math.floor(results.length / 2);
    expect(results.indexOf(results.idAt(k))).toBe(k);
    expect(results.indexOf('no-such-id')).toBe(-1);
  });

  it('refuses a snapshot of another shape or cut short', () => {
    const snap = LibraryIndex.from(lessons().slice(0, 50)).snapshot();
    expect(() => LibraryIndex.restore({ ...snap, shape: snap.shape + 1 })).toThrow();
    expect(() => LibraryIndex.restore({ ...snap, created: snap.created.slice(1) })).toThrow();
    expect(() => LibraryIndex.restore({ ...snap, post: snap.post.slice(1) })).toThrow();
    expect(() => LibraryIndex.restore({ ...snap, order: Int32Array.of(snap.slots) })).toThrow();
    expect(() => LibraryIndex.restore({ ...snap, vocab: 42 } as never)).toThrow();
    expect(LibraryIndex.restore(structuredClone(snap)).size).toBe(50);
  });

  it('holds the man-page corpus in few bytes per lesson', () => {
    const index = LibraryIndex.from(lessonsFromPassages(corpus.lessons, MAN_LESSONS));
    const { typed, strings } = snapshotBytes(index.snapshot());
    // The haystacks the search held before were about 620 characters a lesson, with a row object besides.
    expect((typed + strings) / MAN_LESSONS).toBeLessThan(400);
  });
});
