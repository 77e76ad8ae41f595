import 'fake-indexeddb/auto';
import MiniSearch from 'minisearch';
import { serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Lesson, Source } from '../lib/lesson';
import { openDb } from '../lib/db/database';
import { rankRelated, RelatedIndex } from '../lib/related/rank';
import { lessonsFromPassages, pageFrom, projectOf } from './corpus/lessons';
import { readManCorpus, type Passage } from './corpus/manpages';
import { median, type Metrics } from './metric';

const QUERIES = 20;
/** MiniSearch takes over a second per query at 100k: fewer queries there keep the run short. */
const BASELINE_QUERIES_100K = 5;
const PAGE_CHARS = 3000;

interface Page {
  source: Source;
  text: string;
}

/**
 * `related_top10_{10k,100k}_ms`: rankRelated (the worker's ranking) for a 3,000-character page, index built, against
 * MiniSearch queried with the page's first 12 words; `related_index_build_100k_ms` and
 * `related_index_memory_100k_mb` for our index, MiniSearch's as baseline; and
 * `related_index_load_100k_ms`: reading the lessons from Dexie (fake-indexeddb) and building.
 */
export default async function (): Promise<Metrics> {
  const gc = exposeGc();
  const corpus = readManCorpus(130_000, 3_000);
  const all = lessonsFromPassages(corpus.lessons, 100_000);
  const pages = Array.from({ length: QUERIES }, (_, q) => pageOf(corpus.queries, Math.floor((q * corpus.queries.length) / QUERIES)));

  // Lessons as the extension gets them: read back from IndexedDB.
  const db = openDb('bench-related');
  for (let i = 0; i < all.length; i += 5_000) await db.lessons.bulkAdd(all.slice(i, i + 5_000));
  all.length = 0;
  let t = performance.now();
  const lessons: Lesson[] = await db.lessons.toArray();
  const readMs = performance.now() - t;
  await db.delete();

  const small = lessons.slice(0, 10_000);
  const index10k = indexOf(small);
  const ours10k = timeQueries(index10k, pages);

  gc?.();
  const heapBefore = usedMemory();
  t = performance.now();
  const index100k = indexOf(lessons);
  const buildMs = performance.now() - t;
  gc?.();
  const memoryMb = (usedMemory() - heapBefore) / 2 ** 20;
  const ours100k = timeQueries(index100k, pages);
  const restore = timeRestore(index100k);
  const updateMs = timeUpdates(index100k, lessons);

  const mini10k = miniSearchOf(small);
  const base10k = timeMiniSearch(mini10k.index, pages);
  gc?.();
  const miniHeapBefore = usedMemory();
  const mini100k = miniSearchOf(lessons);
  gc?.();
  const miniMemoryMb = (usedMemory() - miniHeapBefore) / 2 ** 20;
  const base100k = timeMiniSearch(mini100k.index, pages.slice(0, BASELINE_QUERIES_100K));

  const corpusNote = `${lessons.length} lessons cut from ${corpus.files} English man pages (/usr/share/man), queries from held-out pages`;
  const memNote = gc ? 'JS heap + ArrayBuffer delta after full GC' : 'JS heap + ArrayBuffer delta without forced GC: approximate';
  return {
    related_top10_10k_ms: {
      value: median(ours10k.ms),
      unit: 'ms',
      baseline: median(base10k),
      note: `median of ${QUERIES} pages of ${PAGE_CHARS} chars, rankRelated limit 10 (${ours10k.found}); baseline MiniSearch, first 12 words`,
    },
    related_top10_100k_ms: {
      value: median(ours100k.ms),
      unit: 'ms',
      baseline: median(base100k),
      note: `median of ${QUERIES} pages (baseline: ${BASELINE_QUERIES_100K}); ${corpusNote}; ${ours100k.found}`,
    },
    related_index_build_100k_ms: {
      value: buildMs,
      unit: 'ms',
      baseline: mini100k.buildMs,
      note: 'the related index (no lesson kept) from lesson objects read from Dexie; baseline MiniSearch addAll of the same lessons',
    },
    related_index_load_100k_ms: {
      value: readMs + buildMs,
      unit: 'ms',
      baseline: null,
      note: `Dexie toArray from fake-indexeddb (${Math.round(readMs)} ms) plus build`,
    },
    related_index_memory_100k_mb: {
      value: memoryMb,
      unit: 'MB',
      baseline: miniMemoryMb,
      note: `${memNote}; the index keeps no lesson; baseline MiniSearch`,
    },
    related_index_restore_100k_ms: {
      value: median(restore.ms),
      unit: 'ms',
      baseline: buildMs,
      note: `the stored index (${restore.mb.toFixed(1)} MB serialized, ${restore.headMb.toFixed(1)} MB of it outside the postings) structured-cloned, as IndexedDB reads it, and restored, median of ${restore.ms.length}; what a woken worker does instead of reading every lesson and building; baseline the build`,
    },
    related_index_update_100k_ms: {
      value: median(updateMs),
      unit: 'ms',
      baseline: null,
      note: `median of ${updateMs.length} index.update calls (edited title) at 100k, compactions included`,
    },
  };
}

function pageOf(passages: readonly Passage[], start: number): Page {
  const page = pageFrom(passages, start, PAGE_CHARS);
  return {
    source: {
      url: `https://manpages.test/${page.page}`,
      site: 'web',
      workItem: `man:${page.page}`,
      title: page.title,
      project: projectOf(page.page),
      labels: page.labels,
    },
    text: page.text,
  };
}

/** The worker's index: no lesson kept, ranking by id. */
function indexOf(lessons: Lesson[]): RelatedIndex {
  const builder = RelatedIndex.builder();
  for (const l of lessons) builder.add(l);
  return builder.finish();
}

function timeRestore(index: RelatedIndex): { ms: number[]; mb: number; headMb: number } {
  const { head, blocks } = index.snapshot();
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if (!RelatedIndex.restore(structuredClone(head), structuredClone(blocks))) throw new Error('the stored index did not restore');
    ms.push(performance.now() - t);
  }
  // As V8 serializes them for IndexedDB.
  const headMb = serialize(head).length / 2 ** 20;
  return { ms, mb: headMb + serialize(blocks).length / 2 ** 20, headMb };
}

function timeQueries(index: RelatedIndex, pages: Page[]): { ms: number[]; found: string } {
  for (const p of pages.slice(0, 3)) rankRelated(p.source, p.text, index, { limit: 10 });
  const ms: number[] = [];
  let similar = 0;
  let results = 0;
  for (const p of pages) {
    const t = performance.now();
    const found = rankRelated(p.source, p.text, index, { limit: 10 });
    ms.push(performance.now() - t);
    results += found.length;
    similar += found.filter((r) => r.section === 'similar').length;
  }
  return { ms, found: `${(results / pages.length).toFixed(1)} results/page, ${(similar / pages.length).toFixed(1)} by text` };
}

function timeUpdates(index: RelatedIndex, lessons: Lesson[]): number[] {
  const ms: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const lesson = lessons[(i * 7919) % lessons.length];
    const t = performance.now();
    index.update({ ...lesson, title: `${lesson.title} (edited)` });
    ms.push(performance.now() - t);
  }
  return ms;
}

function miniSearchOf(lessons: Lesson[]): { index: MiniSearch; buildMs: number } {
  const t = performance.now();
  const index = new MiniSearch<Lesson>({
    fields: ['title', 'quote', 'note', 'tags'],
    extractField: (doc, field) => {
      const value = doc[field as keyof Lesson];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
  });
  index.addAll(lessons);
  return { index, buildMs: performance.now() - t };
}

function timeMiniSearch(index: MiniSearch, pages: Page[]): number[] {
  const ms: number[] = [];
  for (const p of pages) {
    const words = `${p.source.title} ${p.text}`.split(/\s+/).filter(Boolean).slice(0, 12).join(' ');
    const t = performance.now();
    index.search(words).slice(0, 10);
    ms.push(performance.now() - t);
  }
  return ms;
}

/** The typed arrays' buffers live outside the JS heap: count both. */
function usedMemory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** `gc()` without `--expose-gc` on the command line: the flag can be set at run time. */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
