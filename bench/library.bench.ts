// The library page in real Chromium with 100,000 lessons of real prose (man pages) in IndexedDB.
import { lessonsFromPassages } from './corpus/lessons';
import { readManCorpus } from './corpus/manpages';
import { benchExtension, launchWithExtension } from './extension';
import { median, type Metrics } from './metric';
import { seedLessons } from '../test/support/e2e/fixtures';
import { ALL_LOADED_MARK, FIRST_ROWS_MARK, INDEX_STORED_MARK } from '../lib/library/marks';

const LESSONS = 100_000;
const OPENS = 3;
const SETTLE_MS = 1000;
/** Typed one key at a time; each key that changes the results is one sample. */
const QUERY = 'socket buffer size';

declare global {
  interface Window {
    __lmSamples: number[];
  }
}

/**
 * `library_first_paint_100k_ms`: opening library.html → the first rows painted (median of 5 opens);
 * `library_search_100k_ms`: a keystroke in the search box → the new results painted (median);
 * `library_load_all_100k_ms`: opening → every lesson searchable (the stored index read);
 * `library_build_100k_ms`: the first open, when the index is built from the lessons and stored;
 * `library_heap_100k_mb` and `library_buffers_100k_mb`: what the page holds once loaded.
 */
export default async function (): Promise<Metrics> {
  const dir = benchExtension('.output-bench-library');
  const corpus = readManCorpus(130_000, 3_000);
  let lessons = lessonsFromPassages(corpus.lessons, LESSONS);
  const { context, sw, extensionId } = await launchWithExtension(dir);
  const url = `chrome-extension://${extensionId}/library.html`;
  const firstPaint: number[] = [];
  const loadAll: number[] = [];
  const keys: number[] = [];
  let heapMb = NaN;
  let buffersMb = NaN;
  let buffersHow = '';
  let buildMs = NaN;
  let matches = '';
  let storesIndex = true;
  try {
    // The first open creates the database (Dexie, at its current version); then it is filled.
    const first = await context.newPage();
    await first.goto(url);
    await first.getByText('No lessons yet').waitFor();
    await first.close();
    for (let i = 0; i < lessons.length; i += 5_000) await seedLessons(sw, lessons.slice(i, i + 5_000));
    lessons = [];

    // The first open builds the index from every lesson and stores it; later opens read it.
    let page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, ALL_LOADED_MARK, { timeout: 300_000 });
    buildMs = await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, ALL_LOADED_MARK);
    // A build from before the stored index (LESSONMARK_BENCH_EXTENSION, 94be5a6) never stores one and
    // builds at every open: it is measured all the same, side by side with the current code.
    storesIndex = await page
      .waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, INDEX_STORED_MARK, { timeout: 60_000 })
      .then(() => true, () => false);

    for (let run = 0; run < OPENS; run++) {
      // Extension pages share one renderer thread: the last open's heap is torn down and
      // collected first, as it has been when a person opens the library.
      await page.close();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, ALL_LOADED_MARK, { timeout: 180_000 });
      const [paint, all] = await page.evaluate(
        ([a, b]) => [performance.getEntriesByName(a)[0]?.startTime ?? NaN, performance.getEntriesByName(b)[0].startTime],
        [FIRST_ROWS_MARK, ALL_LOADED_MARK] as const,
      );
      firstPaint.push(paint);
      loadAll.push(all);
    }
    // The count as the page writes it ("100,000 lessons" in English, "100.000" in German).
    const count = page.locator('.result-count').filter({ hasText: new RegExp(`${LESSONS / 1000}\\D?000 lessons`) });
    await count.waitFor().catch(async (e: Error) => {
      throw new Error(`${e.message}; the page says "${await page.locator('.result-count').textContent()}"`);
    });

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    heapMb = usage.usedSize / 1024 / 1024;
    // Typed arrays keep their bytes outside the JS heap: counted too, so nothing is hidden.
    if (usage.backingStorageSize !== undefined) {
      buffersMb = usage.backingStorageSize / 1024 / 1024;
      buffersHow = 'Runtime.getHeapUsage backingStorageSize (ArrayBuffer backing stores)';
    } else {
      const external = await page.evaluate(async () => {
        const measure = (performance as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
        return measure && self.crossOriginIsolated ? (await measure.call(performance)).bytes : null;
      });
      if (external !== null) {
        buffersMb = external / 1024 / 1024 - heapMb;
        buffersHow = 'performance.measureUserAgentSpecificMemory less the JS heap';
      }
    }

    await page.evaluate(() => {
      window.__lmSamples = [];
      const root = document.querySelector('.library')!;
      document.getElementById('library-search')!.addEventListener(
        'keydown',
        () => {
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            seen.disconnect();
            requestAnimationFrame(() => window.__lmSamples.push(performance.now() - t0));
          });
          seen.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
          // A key that leaves the results as they were changes nothing: no sample.
          setTimeout(() => seen.disconnect(), 1000);
        },
        true,
      );
    });
    await page.locator('#library-search').focus();
    for (const ch of QUERY) {
      const before = await page.evaluate(() => window.__lmSamples.length);
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      await page.waitForFunction((n) => window.__lmSamples.length > n, before, { timeout: 1500 }).catch(() => {});
      await page.waitForTimeout(50);
    }
    keys.push(...(await page.evaluate(() => window.__lmSamples)));
    matches = (await page.locator('.result-count').textContent()) ?? '';
  } finally {
    await context.close();
  }
  const lessonsNote = `${LESSONS / 1000}k lessons of man-page prose (400-char quotes, notes, tags) in IndexedDB; real Chromium`;
  return {
    library_first_paint_100k_ms: {
      value: median(firstPaint),
      unit: 'ms',
      baseline: null,
      note: `navigation start → first rows painted (the newest 60 read from the createdAt index with plain IndexedDB while the page code and Dexie load), median of ${OPENS} opens ${SETTLE_MS / 1000} s apart, each in a new tab; ${lessonsNote}; goal ≤ 300 ms`,
    },
    library_search_100k_ms: {
      value: median(keys),
      unit: 'ms',
      baseline: null,
      note: `keydown → results painted, median of ${keys.length} keystrokes typing "${QUERY}" (max ${Math.round(Math.max(...keys))} ms; ends at "${matches}"); ${lessonsNote}; goal ≤ 50 ms`,
    },
    library_load_all_100k_ms: {
      value: median(loadAll),
      unit: 'ms',
      baseline: null,
      note: `navigation start → every lesson searchable: ${storesIndex ? 'the stored index read in one go and checked against the lessons' : 'this build stores no index: every lesson read in pages and indexed at each open'}, median of ${OPENS} opens after the first (library_build_100k_ms); goal ≤ 600 ms`,
    },
    library_build_100k_ms: {
      value: buildMs,
      unit: 'ms',
      baseline: null,
      note: `the first open after the lessons were written: navigation start → the index built from every lesson, read in pages of 5,000 (then stored, so later opens read it in one go)`,
    },
    library_heap_100k_mb: {
      value: heapMb,
      unit: 'MB',
      baseline: null,
      note: `the library page's JS heap (Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage) once every lesson is searchable; typed arrays' bytes are outside it, in library_buffers_100k_mb; goal ≤ 60 MB`,
    },
    library_buffers_100k_mb: {
      value: buffersMb,
      unit: 'MB',
      baseline: null,
      note: `ArrayBuffer memory of the library page outside the JS heap (the index's typed arrays), measured by ${buffersHow || 'nothing this Chromium offers (NaN)'}`,
    },
  };
}
