import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { ANCHORING_CALL } from '../lib/page/bench-probe';
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
 * The loads each page gets in every run: ScriptDuration with and without Lessonmark, and traces
 * with lessons, without, and of the null extension.
 */
const KINDS = ['ours', 'none', 'lessons', 'oursTraced', 'noneTraced'] as const;
type Kind = (typeof KINDS)[number];

interface Traced {
  /**
   * Main-thread time in JavaScript, of any world, from the trace (SCRIPT_EVENTS, nested ones
   * counted once), garbage collection within it included: the thread's own time (CPU time), not
   * the wall time, which also counts the moments the renderer waited for a core (wallMs).
   */
  scriptMs: number;
  wallMs: number;
  /** Of scriptMs, the events that ran the page's own scripts and no extension's (pageScriptMs). */
  pageMs: number;
  /** The same trace's time in the events ScriptDuration times (PROBED_EVENTS), to check the trace against it. */
  probedMs: number;
  /** ScriptDuration of the same load. */
  scriptDurationMs: number;
  /** Garbage collection within scriptMs. */
  gcMs: number;
  /** The page layer's thread time inside `anchorLessons`, from the trace (lib/page/bench-probe.ts). */
  anchoringMs: number;
  /** The same calls' wall time. */
  anchoringWallMs: number;
  /** Highlights on the page after the load. */
  painted: number;
  /**
   * Wall time of the page's style recalculations (`UpdateLayoutTree`) from the start of the
   * extension's content script on: rendering work its scripts cause, which no script figure counts.
   */
  restyleMs: number;
}

/**
 * `page_script_overhead_ms`: main-thread script time (CDP `Performance.getMetrics` ScriptDuration
 * of the page's renderer: the page's own scripts and every extension world in it) a page load
 * costs with Lessonmark over a null extension (one empty content script on every page), loaded
 * alternately in two browsers on the same machine; median per page, the worst page reported.
 *
 * `page_script_overhead_lessons_ms`: the same with lessons saved on every page (quoting passages of
 * it, through the capture card) in a third browser, less the anchoring itself. ScriptDuration
 * cannot give it: it times a script's run and the functions the browser calls, but not its
 * compiling nor the microtask checkpoints where the continuations of promises the browser resolved
 * run, which is where an extension's messaging callbacks, and so the page layer's anchoring and
 * painting, run. So these loads, and as many of Lessonmark without lessons and of the null
 * extension, are traced (Chrome's Tracing domain): script time is the renderer main thread's own
 * time (CPU time: the trace's `tdur`) in SCRIPT_EVENTS, nested ones counted once. Wall time would
 * count the moments the renderer waited for a core, which on two cores shared by three browsers,
 * their GPU and network processes and this script answering every request was more than half of
 * it on some loads. The bench build runs `anchorLessons` as a call of its own, whose thread time
 * the trace gives (lib/page/bench-probe.ts). The page's own scripts are left out on both sides (pageScriptMs): on
 * the news article and the Confluence page they take 15 to 55 ms, and vary by 10 ms and more
 * between loads of the same build, which no median of a few loads cancels; their medians beside
 * Lessonmark and beside the null extension are in the note, to show they are the same. In the
 * same traces, the events ScriptDuration times are summed apart, and ScriptDuration read, to check
 * the trace against it.
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
  const times = new Map(PAGES.map((p) => [p.name, { ours: [] as number[], none: [] as number[], lessons: [] as Traced[], oursTraced: [] as Traced[], noneTraced: [] as Traced[] }]));
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
          else if (kind === 'lessons') t.lessons.push(await traced(lessons.context, page, true));
          else if (kind === 'oursTraced') t.oursTraced.push(await traced(ours.context, page, false));
          else t.noneTraced.push(await traced(none, page, false));
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
    // The page's own scripts left out on both sides: they vary by several ms from load to load.
    const notPage = (x: Traced) => x.scriptMs - x.pageMs;
    const lessonMs = median(t.lessons.map((x) => notPage(x) - x.anchoringMs));
    const noneTracedMs = median(t.noneTraced.map(notPage));
    const overheadOf = (pick: (x: Traced) => number) => median(t.oursTraced.map(pick)) - median(t.noneTraced.map(pick));
    return {
      name: p.name,
      kb: Math.round(savedPageHtml(p).length / 1024),
      ourMs,
      noneMs,
      overhead: ourMs - noneMs,
      lessonMs,
      noneTracedMs,
      lessonOverhead: lessonMs - noneTracedMs,
      // The page's own script time beside Lessonmark with lessons and beside the null extension: what leaving it out assumes equal.
      pageMs: median(t.lessons.map((x) => x.pageMs)),
      nonePageMs: median(t.noneTraced.map((x) => x.pageMs)),
      // Without lessons, in the traced loads: the figure as above, the trace's whole figure, its ScriptDuration-timed part, and ScriptDuration itself.
      notPageOverhead: overheadOf(notPage),
      tracedOverhead: overheadOf((x) => x.scriptMs),
      probedOverhead: overheadOf((x) => x.probedMs),
      tracedScriptDuration: overheadOf((x) => x.scriptDurationMs),
      anchoringMs: median(t.lessons.map((x) => x.anchoringMs)),
      // The same loads in wall time: what waiting for a core added.
      lessonWallMs: median(t.lessons.map((x) => x.wallMs - x.anchoringWallMs)),
      noneWallMs: median(t.noneTraced.map((x) => x.wallMs)),
      gcMs: median(t.lessons.map((x) => x.gcMs)),
      noneGcMs: median(t.noneTraced.map((x) => x.gcMs)),
      painted: Math.min(...t.lessons.map((x) => x.painted)),
      restyleMs: median(t.lessons.map((x) => x.restyleMs)),
      oursRestyleMs: median(t.oursTraced.map((x) => x.restyleMs)),
      noneRestyleMs: median(t.noneTraced.map((x) => x.restyleMs)),
    };
  });
  const worst = perPage.reduce((a, b) => (b.overhead > a.overhead ? b : a));
  const worstLessons = perPage.reduce((a, b) => (b.lessonOverhead > a.lessonOverhead ? b : a));
  const worstRestyle = perPage.reduce((a, b) => (b.restyleMs - b.noneRestyleMs > a.restyleMs - a.noneRestyleMs ? b : a));
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
      note: `worst page (${worstLessons.name}), ${LESSONS_PER_PAGE} lessons saved on each through the capture card, quoting passages spread over its text; main-thread script time in a Chrome trace of each load, as the thread's own (CPU) time (evaluating and compiling scripts, functions the browser calls, microtask checkpoints, any world, nested events counted once, garbage collection within them included; ScriptDuration leaves out compiling and microtask checkpoints, where an extension's messaging callbacks run, and counts wall time), less the page's own scripts (events naming a web page's script and no extension's; what names none stays in) and less the page layer's own thread time in anchorLessons (a call of its own in the bench build), medians of ${RUNS} loads alternating with the loads above, Lessonmark − null extension: ${perPage.map((p) => `${p.name} ${fmt(p.lessonMs)} − ${fmt(p.noneTracedMs)} = ${fmt(p.lessonOverhead)} (anchoring ${fmt(p.anchoringMs)}; the page's own scripts ${fmt(p.pageMs)} vs ${fmt(p.nonePageMs)}; wall time of all scripts less anchoring ${fmt(p.lessonWallMs)} vs ${fmt(p.noneWallMs)}; GC ${fmt(p.gcMs)} vs ${fmt(p.noneGcMs)}; ${p.painted} of ${LESSONS_PER_PAGE} painted; no lessons, traced: ${fmt(p.notPageOverhead)}, with the page's scripts ${fmt(p.tracedOverhead)}; in wall time, the events ScriptDuration times ${fmt(p.probedOverhead)}, ScriptDuration of the same loads ${fmt(p.tracedScriptDuration)})`).join('; ')}; goal ≤ 20 ms`,
    },
    paint_restyle_ms: {
      value: Number((worstRestyle.restyleMs - worstRestyle.noneRestyleMs).toFixed(1)),
      unit: 'ms',
      baseline: null,
      note: `worst page (${worstRestyle.name}); the page's style recalculations (UpdateLayoutTree, wall time) from the start of the extension's content script to ${SETTLE_MS / 1000} s after load, in the traced loads above, medians: with lessons painted − null extension: ${perPage.map((p) => `${p.name} ${fmt(p.restyleMs)} − ${fmt(p.noneRestyleMs)} (no lessons: ${fmt(p.oursRestyleMs)})`).join('; ')}; rendering work painting causes, which the script figures leave out; no goal`,
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

/** What the renderer records: the DevTools timeline's events and V8's own (compiling, running, garbage collection). */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel'];
/**
 * Events in which JavaScript runs, of any world: a script evaluated (with its compiling), a
 * function called from the browser (events, timers, idle callbacks, an extension's messaging
 * callbacks), and microtask checkpoints (the continuations of promises the browser resolved).
 */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.run', 'v8.evaluateModule', 'FunctionCall', 'v8.callFunction', 'RunMicrotasks']);
/** The events `ScriptDuration`'s probes time (a script's run, not its compiling, and functions the page's events call). */
const PROBED_EVENTS = new Set(['EvaluateScript', 'FunctionCall']);
const COMPILE_EVENTS = new Set(['v8.compile', 'v8.compileModule']);
const GC_EVENTS = new Set(['MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'V8.GCIncrementalMarking', 'V8.GCIncrementalMarkingStart', 'V8.GCIncrementalMarkingFinalize', 'V8.GCCompactor', 'V8.GCFinalizeMCReduceMemory']);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's own time within the event. */
  tdur?: number;
  args?: { data?: { url?: string; functionName?: string }; beginData?: { url?: string }; fileName?: string };
}

/** A trace that lost the page's parsing (it happened once, on the manual) cannot be read: that load is taken again, at most twice. */
class TraceLost extends Error {}

async function traced(context: BrowserContext, page: SavedPage, layer: boolean): Promise<Traced> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tracedLoad(context, page, layer);
    } catch (e) {
      if (!(e instanceof TraceLost) || attempt === 2) throw e;
    }
  }
}

/** One load of `page` in a new tab, traced; with `layer`, the page layer must have anchored. */
async function tracedLoad(context: BrowserContext, page: SavedPage, layer: boolean): Promise<Traced> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  await tab.goto(page.url, { waitUntil: 'load' });
  await tab.waitForTimeout(SETTLE_MS);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.send('Tracing.end');
  await complete;
  const painted = layer ? (await tab.evaluate(paintedInDocument)).length : 0;
  await tab.close();

  // The renderer's main thread: where the page's HTML was parsed.
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.replace(/#.*$/, '') === page.url);
  if (!parse) throw new TraceLost(`${page.name}: no ParseHTML event in the trace`);
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur != null);
  const spans = (names: Set<string>) => merge(onMain.filter((e) => names.has(e.name)).map((e) => [e.ts, e.ts + e.dur!] as Span));
  const probed = spans(PROBED_EVENTS);
  const compile = spans(COMPILE_EVENTS);
  const script = outermost(onMain.filter((e) => SCRIPT_EVENTS.has(e.name)));
  const gc = outermost(onMain.filter((e) => GC_EVENTS.has(e.name))).filter((g) => script.some((s) => g.ts >= s.ts && g.ts < s.ts + s.dur!));
  const anchoring = onMain.filter((e) => e.name === 'FunctionCall' && e.args?.data?.functionName === ANCHORING_CALL);
  const contentScript = onMain.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.startsWith('chrome-extension://'));
  if (!contentScript) throw new Error(`${page.name}: no content script ran`);
  const restyle = outermost(onMain.filter((e) => e.name === 'UpdateLayoutTree' && e.ts >= contentScript.ts));
  if (layer && anchoring.length === 0) throw new Error(`${page.name}: no ${ANCHORING_CALL} call in the trace: the page layer did not anchor, or the build lacks LESSONMARK_BENCH=1`);
  return {
    scriptMs: threadMs(script),
    wallMs: length(spans(SCRIPT_EVENTS)) / 1000,
    pageMs: threadMs(script.filter((e) => isPages(e, onMain))),
    probedMs: (length(probed) - overlap(probed, compile)) / 1000,
    scriptDurationMs: (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000,
    gcMs: threadMs(gc),
    anchoringMs: threadMs(anchoring),
    anchoringWallMs: anchoring.reduce((sum, e) => sum + e.dur!, 0) / 1000,
    painted,
    restyleMs: restyle.reduce((sum, e) => sum + e.dur!, 0) / 1000,
  };
}

type Span = [number, number];

/** The events no other of them encloses (events on one thread nest, never overlap otherwise). */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of [...events].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + e.dur!;
  }
  return out;
}

/** The thread's own time in the events, in milliseconds (their wall time where a trace has none). */
const threadMs = (events: TraceEvent[]) => events.reduce((sum, e) => sum + (e.tdur ?? e.dur!), 0) / 1000;

/**
 * Whether a script event ran the page's own scripts: some event within it names a web page's
 * script (compiling, running or calling into it) and none an extension's. What names no script
 * (a microtask checkpoint of promise continuations alone, say) is not the page's, so it stays in
 * the figure of the extension it may belong to.
 */
function isPages(event: TraceEvent, onMain: TraceEvent[]): boolean {
  const end = event.ts + event.dur!;
  let page = false;
  for (const e of onMain) {
    if (e.ts < event.ts || e.ts + e.dur! > end) continue;
    const url = e.args?.data?.url || e.args?.fileName || '';
    if (url.startsWith('chrome-extension://')) return false;
    if (/^https?:/.test(url)) page = true;
  }
  return page;
}

/** Spans sorted and joined where they overlap or nest, so that nothing is counted twice. */
function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

const length = (spans: Span[]) => spans.reduce((sum, [start, end]) => sum + end - start, 0);

/** Time covered by both merged lists. */
function overlap(a: Span[], b: Span[]): number {
  let sum = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) sum += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return sum;
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
