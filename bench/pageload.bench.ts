import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Worker } from '@playwright/test';
import { ANCHORING_FN } from '../lib/page/bench-probe';
import type { PageInfo } from '../lib/platform/page';
import { PANEL_LIMIT } from '../lib/related/panel-limit';
import { badgeCount, createRelatedIndex, relatedLessons } from '../lib/related/rank';
import { ui } from '../test/support/e2e/closed-ui';
import { launchExtension, openCapture, readLessons } from '../test/support/e2e/fixtures';
import { paintedInDocument } from '../test/support/e2e/page';
import { importThroughWorker } from '../test/support/e2e/sync';
import { lessonsAboutPages } from '../test/support/page-lessons';
import { PAGE_HOSTS, SAVED_PAGES, savedPageHtml, type SavedPage } from '../test/fixtures/pages/pages';
import { builtExtension, launchWithExtension } from './extension';
import { CORPUS_TICKET, jiraCorpus } from './jira-corpus';
import { median, type Metrics } from './metric';

/** The bench's own build, with the page layer's anchoring probe (lib/page/bench-probe.ts). */
const OUT_DIR = '.output-bench-pageload-probe';
/** Loads of each page with each extension, alternating (PAGELOAD_RUNS for a quick look). */
const RUNS = Number(process.env.PAGELOAD_RUNS) || 7;
/** After `load`: long enough for idle callbacks (at most 2 s away) and the messages they send. */
const SETTLE_MS = 2500;
const CORPUS = 2000;
/** Lessons saved on each page for the with-lessons loads. */
const LESSONS_PER_PAGE = 4;

/** The side-panel bench's page, and the saved pages of every kind (PAGELOAD_PAGES, comma-separated names, for a quick look at some). */
const PAGES: readonly SavedPage[] = [{ name: 'Jira ticket', file: 'sites/jira-cloud-issue.html', url: CORPUS_TICKET }, ...SAVED_PAGES].filter(
  (p) => !process.env.PAGELOAD_PAGES || process.env.PAGELOAD_PAGES.split(',').includes(p.name),
);

/**
 * The loads each page gets in every run: ScriptDuration with and without Lessonmark, and CPU
 * profiles with lessons, without, and of the null extension.
 */
const KINDS = ['ours', 'none', 'lessons', 'oursProfiled', 'noneProfiled'] as const;
type Kind = (typeof KINDS)[number];
/** CPU profile sampling interval, microseconds. */
const SAMPLE_US = 200;

interface Profiled {
  /** Samples in JavaScript (any world, and the browser functions it called), garbage collection aside. */
  scriptMs: number;
  /** Of those, the samples inside the page layer's anchoring (`anchorLessons`, found through lib/page/bench-probe.ts). */
  anchoringMs: number;
  gcMs: number;
  /** Highlights on the page after the load. */
  painted: number;
}

/**
 * `page_script_overhead_ms`: main-thread script time (CDP `Performance.getMetrics` ScriptDuration
 * of the page's renderer: the page's own scripts and every extension world in it) a page load
 * costs with Lessonmark over a null extension (one empty content script on every page), loaded
 * alternately in two browsers on the same machine; median per page, the worst page reported.
 *
 * `page_script_overhead_lessons_ms`: the same with lessons saved on every page (quoting passages of
 * it, through the capture card) in a third browser, less the anchoring itself. ScriptDuration
 * cannot give it: it leaves out what an extension runs from its messaging callbacks, which is
 * where the page layer anchors and paints (on the 416 KB manual it was no higher with lessons than
 * without, 26 to 31 ms against 34 to 55, while the page layer's samples in a profile came to 63 to
 * 177 ms). So these loads, and as many loads of the null extension, are CPU-profiled: script time
 * is the samples in JavaScript, of every world, and the anchoring's are those with `anchorLessons`
 * on their stack. As many loads without lessons are profiled too, for the same figure measured alike.
 *
 * `badge_agreement`: on the same pages, with lessons about them stored, the share of pages whose
 * badge shows what the side panel lists (its full read, ranked and counted as the badge counts).
 */
export default async function (): Promise<Metrics> {
  // LESSONMARK_BENCH_EXTENSION: another build (made with LESSONMARK_BENCH=1), to measure the previous code alike.
  const prebuilt = process.env.LESSONMARK_BENCH_EXTENSION;
  const dir = prebuilt ? resolve(prebuilt, 'chrome-mv3') : builtExtension(OUT_DIR, { LESSONMARK_BENCH: '1' });
  const nullDir = nullExtension();
  const load = loadavg()[0];

  const ours = await launchWithExtension(dir);
  const lessons = await launchWithExtension(dir);
  const none = await launchExtension(mkdtempSync(join(tmpdir(), 'lm-bench-null-')), undefined, nullDir, true);
  const contexts = [ours.context, lessons.context, none];
  const times = new Map(PAGES.map((p) => [p.name, { ours: [] as number[], none: [] as number[], lessons: [] as Profiled[], oursProfiled: [] as Profiled[], noneProfiled: [] as Profiled[] }]));
  try {
    await setHosts(ours.sw);
    await setHosts(lessons.sw);
    for (const context of contexts) await servePages(context);
    for (const page of PAGES) await saveLessons(lessons.context, lessons.sw, page);
    for (let run = 0; run < RUNS; run++) {
      for (const page of PAGES) {
        const t = times.get(page.name)!;
        // Rotate which load goes first, so that none always follows a load that warmed the page.
        for (let i = 0; i < KINDS.length; i++) {
          const kind: Kind = KINDS[(run + i) % KINDS.length];
          if (kind === 'ours') t.ours.push(await scriptMs(ours.context, page));
          else if (kind === 'none') t.none.push(await scriptMs(none, page));
          else if (kind === 'lessons') t.lessons.push(await profiledLoad(lessons.context, page, true));
          else if (kind === 'oursProfiled') t.oursProfiled.push(await profiledLoad(ours.context, page, false));
          else t.noneProfiled.push(await profiledLoad(none, page, false));
        }
      }
    }
  } finally {
    for (const context of contexts) await context.close();
  }

  const agreement = await badgeAgreement(dir);
  const perPage = PAGES.map((p) => {
    const t = times.get(p.name)!;
    const ourMs = median(t.ours);
    const noneMs = median(t.none);
    const lessonMs = median(t.lessons.map((x) => x.scriptMs - x.anchoringMs));
    const noneProfiledMs = median(t.noneProfiled.map((x) => x.scriptMs));
    return {
      name: p.name,
      kb: Math.round(savedPageHtml(p).length / 1024),
      ourMs,
      noneMs,
      overhead: ourMs - noneMs,
      lessonMs,
      noneProfiledMs,
      lessonOverhead: lessonMs - noneProfiledMs,
      profiledOverhead: median(t.oursProfiled.map((x) => x.scriptMs)) - noneProfiledMs,
      anchoringMs: median(t.lessons.map((x) => x.anchoringMs)),
      gcMs: median(t.lessons.map((x) => x.gcMs)),
      noneGcMs: median(t.noneProfiled.map((x) => x.gcMs)),
      painted: Math.min(...t.lessons.map((x) => x.painted)),
    };
  });
  const worst = perPage.reduce((a, b) => (b.overhead > a.overhead ? b : a));
  const worstLessons = perPage.reduce((a, b) => (b.lessonOverhead > a.lessonOverhead ? b : a));
  const machine = `1-min load average ${load.toFixed(1)} at start on ${availableParallelism()} cores`;
  const fmt = (x: number) => x.toFixed(1);
  return {
    page_script_overhead_ms: {
      value: Number(worst.overhead.toFixed(1)),
      unit: 'ms',
      baseline: null,
      note: `worst page (${worst.name}); ScriptDuration medians of ${RUNS} alternating loads, Lessonmark − null extension: ${perPage.map((p) => `${p.name} (${p.kb} KB) ${fmt(p.ourMs)} − ${fmt(p.noneMs)} = ${fmt(p.overhead)}`).join('; ')}; no lessons stored, requests to other sites aborted, ${SETTLE_MS / 1000} s after load; headless Chromium, ${machine}; goal ≤ 20 ms`,
    },
    page_script_overhead_lessons_ms: {
      value: Number(worstLessons.lessonOverhead.toFixed(1)),
      unit: 'ms',
      baseline: null,
      note: `worst page (${worstLessons.name}), ${LESSONS_PER_PAGE} lessons saved on each through the capture card, quoting passages spread over its text; script time in CPU profiles (${SAMPLE_US} µs sampling; ScriptDuration misses extensions' messaging callbacks), less the anchoring's samples, medians of ${RUNS} loads alternating with the loads above, Lessonmark − null extension: ${perPage.map((p) => `${p.name} ${fmt(p.lessonMs)} − ${fmt(p.noneProfiledMs)} = ${fmt(p.lessonOverhead)} (anchoring ${fmt(p.anchoringMs)}; no lessons, profiled alike: ${fmt(p.profiledOverhead)}; GC ${fmt(p.gcMs)} vs ${fmt(p.noneGcMs)}, ${p.painted} of ${LESSONS_PER_PAGE} painted)`).join('; ')}; garbage collection not counted; goal ≤ 20 ms`,
    },
    badge_agreement: {
      value: agreement.share,
      unit: 'share',
      baseline: null,
      note: `${agreement.detail}; ${CORPUS.toLocaleString('en')} Jira lessons of the side-panel bench plus lessons about each page (test/support/page-lessons.ts); expected: the side panel's read (page-info.js) ranked with relatedLessons and counted with badgeCount; goal 1.0`,
    },
  };
}

/** A Chromium extension whose only code is an empty content script on every page. */
function nullExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lm-null-ext-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Null', version: '1.0', content_scripts: [{ matches: ['<all_urls>'], js: ['empty.js'], run_at: 'document_idle' }] }),
  );
  writeFileSync(join(dir, 'empty.js'), '');
  return dir;
}

/** Serves the saved pages at their URLs; every other request (their sites' scripts, images, fonts) fails at once. */
async function servePages(context: BrowserContext): Promise<void> {
  const byUrl = new Map(PAGES.map((p) => [p.url, savedPageHtml(p)]));
  await context.route('**/*', async (route) => {
    const html = byUrl.get(route.request().url().replace(/#.*$/, ''));
    if (html == null) await route.abort();
    else await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

/** The Confluence page's host, added as a person adds a self-hosted Confluence in options. */
async function setHosts(sw: Worker): Promise<void> {
  await sw.evaluate(async (hosts) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), hosts: { jira: [], github: [], ...hosts } } });
  }, PAGE_HOSTS);
}

/** Script time of one load of `page` in a new tab, in milliseconds. */
async function scriptMs(context: BrowserContext, page: SavedPage): Promise<number> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.goto(page.url, { waitUntil: 'load' });
  await tab.waitForTimeout(SETTLE_MS);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await tab.close();
  const script = metrics.find((m) => m.name === 'ScriptDuration');
  if (!script) throw new Error('no ScriptDuration metric');
  return script.value * 1000;
}

const NOT_SCRIPT = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** One load of `page` in a new tab under the CPU profiler; with `layer`, the page layer must have anchored. */
async function profiledLoad(context: BrowserContext, page: SavedPage, layer: boolean): Promise<Profiled> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  await cdp.send('Profiler.start');
  await tab.goto(page.url, { waitUntil: 'load' });
  await tab.waitForTimeout(SETTLE_MS);
  const { profile } = await cdp.send('Profiler.stop');
  const anchoring = layer ? await anchoringLocation(cdp, page) : null;
  const painted = layer ? (await tab.evaluate(paintedInDocument)).length : 0;
  await tab.close();

  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const inAnchoring = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { scriptId, lineNumber, columnNumber } = nodes.get(at)!.callFrame;
      if (anchoring && scriptId === anchoring.scriptId && lineNumber === anchoring.lineNumber && columnNumber === anchoring.columnNumber) return true;
    }
    return false;
  };
  const result: Profiled = { scriptMs: 0, anchoringMs: 0, gcMs: 0, painted };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the gap to the next one.
  for (let i = 0; i < samples.length - 1; i++) {
    const ms = deltas[i + 1] / 1000;
    const name = nodes.get(samples[i])!.callFrame.functionName;
    if (name === '(garbage collector)') result.gcMs += ms;
    if (NOT_SCRIPT.has(name)) continue;
    result.scriptMs += ms;
    if (inAnchoring(samples[i])) result.anchoringMs += ms;
  }
  return result;
}

/** Where `anchorLessons` starts in the page layer, as the profiler names its frames: asked of the layer's isolated world. */
async function anchoringLocation(cdp: CDPSession, page: SavedPage): Promise<{ scriptId: string; lineNumber: number; columnNumber: number }> {
  const worlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.origin.startsWith('chrome-extension://')) worlds.push(context.id);
  });
  // Enabling the runtime announces every world that already exists.
  await cdp.send('Runtime.enable');
  for (const contextId of worlds) {
    const { result } = await cdp.send('Runtime.evaluate', { contextId, expression: `globalThis[${JSON.stringify(ANCHORING_FN)}]` });
    if (result.type !== 'function' || !result.objectId) continue;
    const { internalProperties } = await cdp.send('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    const location = internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value;
    if (location) return location;
  }
  throw new Error(`${page.name}: the page layer did not load, or the build lacks LESSONMARK_BENCH=1`);
}

/** Saves lessons on `page` as a person does: a passage selected, the capture card opened, Enter. */
async function saveLessons(context: BrowserContext, sw: Worker, page: SavedPage): Promise<void> {
  const tab = await context.newPage();
  await tab.goto(page.url, { waitUntil: 'load' });
  for (let i = 0; i < LESSONS_PER_PAGE; i++) {
    const before = (await readLessons(sw)).length;
    const quote = await tab.evaluate(selectPassage, [i, LESSONS_PER_PAGE] as const);
    if (!quote) throw new Error(`${page.name}: no passage ${i} to quote`);
    await openCapture(sw, tab);
    await untilTrue(() => ui(tab).locator('textarea.note').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), `${page.name}: the capture card's note has focus`);
    await tab.keyboard.press('Enter');
    await untilTrue(async () => (await readLessons(sw)).length === before + 1, `${page.name}: lesson ${i} saved`);
    const saved = (await readLessons(sw)).at(-1);
    if (!saved?.anchor) throw new Error(`${page.name}: lesson ${i} was saved without an anchor`);
  }
  await tab.close();
}

async function untilTrue(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs in the page (no named functions inside: tsx would wrap them in a helper the page lacks):
 * selects passage `i` of `n`, spread over the page's visible text nodes of 60 characters or more,
 * at most 120 characters from the node's first word, ending at a word's end; returns its text.
 */
function selectPassage([i, n]: readonly [number, number]): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    const el = node.parentElement;
    if (node.data.trim().length >= 60 && el && !el.closest('script, style, noscript, template, textarea') && el.checkVisibility()) nodes.push(node);
  }
  const node = nodes[Math.floor(((i + 0.5) * nodes.length) / n)];
  if (!node) return '';
  const text = node.data;
  const start = text.search(/\S/);
  let end = Math.min(text.length, start + 120);
  if (end < text.length && text.lastIndexOf(' ', end) > start + 40) end = text.lastIndexOf(' ', end);
  while (end > start && /\s/.test(text[end - 1])) end--;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
  return range.toString();
}

/** Opens each page, reads the badge, and compares it with the side panel's list for the page. */
async function badgeAgreement(dir: string): Promise<{ share: number; detail: string }> {
  const { context, sw, extensionId } = await launchWithExtension(dir);
  try {
    await setHosts(sw);
    await servePages(context);
    const tabOf = async (url: string) => sw.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0].id!, url);

    // What the side panel reads of each page: the same injected full read it runs when it opens.
    const read: PageInfo[] = [];
    for (const page of PAGES) {
      const tab = await context.newPage();
      await tab.goto(page.url, { waitUntil: 'load' });
      const info = await sw.evaluate(
        async (tabId) => (await chrome.scripting.executeScript({ target: { tabId }, files: ['/page-info.js'] }))[0].result,
        await tabOf(page.url),
      );
      read.push(info as PageInfo);
      await tab.close();
    }

    const lessons = [...jiraCorpus(CORPUS, { start: Date.UTC(2024, 0, 1), questionEvery: 7 }), ...lessonsAboutPages(read, '00000000-0000-4000-9000-')];
    const library = await context.newPage();
    await library.goto(`chrome-extension://${extensionId}/library.html`);
    await importThroughWorker(library, lessons);
    await library.close();

    const index = createRelatedIndex(lessons);
    const rows: string[] = [];
    let agree = 0;
    for (const [i, page] of PAGES.entries()) {
      const listed = relatedLessons(read[i].source, read[i].text, index, { limit: PANEL_LIMIT });
      const expected = badgeText(badgeCount(listed));
      const tab = await context.newPage();
      await tab.goto(page.url, { waitUntil: 'load' });
      const tabId = await tabOf(page.url);
      let shown = '';
      for (let t = 0; t < 100 && shown !== expected; t++) {
        await tab.waitForTimeout(100);
        shown = await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
      }
      await tab.close();
      if (shown === expected) agree++;
      rows.push(`${page.name} ${shown || '0'} of ${listed.length} listed (${expected || '0'} counted)`);
    }
    return { share: agree / PAGES.length, detail: `${agree} of ${PAGES.length} pages: ${rows.join('; ')}` };
  } finally {
    await context.close();
  }
}

/** As lib/platform/badge.ts shows a count. */
function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}
