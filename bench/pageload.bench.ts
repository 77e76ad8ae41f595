import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import type { PageInfo } from '../lib/platform/page';
import { PANEL_LIMIT } from '../lib/related/panel-limit';
import { badgeCount, createRelatedIndex, relatedLessons } from '../lib/related/rank';
import { launchExtension } from '../test/support/e2e/fixtures';
import { importThroughWorker } from '../test/support/e2e/sync';
import { lessonsAboutPages } from '../test/support/page-lessons';
import { PAGE_HOSTS, SAVED_PAGES, savedPageHtml, type SavedPage } from '../test/fixtures/pages/pages';
import { builtExtension, launchWithExtension } from './extension';
import { CORPUS_TICKET, jiraCorpus } from './jira-corpus';
import { median, type Metrics } from './metric';

const OUT_DIR = '.output-bench-pageload';
/** Loads of each page with each extension, alternating (PAGELOAD_RUNS for a quick look). */
const RUNS = Number(process.env.PAGELOAD_RUNS) || 7;
/** After `load`: long enough for idle callbacks (at most 2 s away) and the messages they send. */
const SETTLE_MS = 2500;
const CORPUS = 2000;

/** The side-panel bench's page, and the saved pages of every kind. */
const PAGES: readonly SavedPage[] = [{ name: 'Jira ticket', file: 'sites/jira-cloud-issue.html', url: CORPUS_TICKET }, ...SAVED_PAGES];

/**
 * `page_script_overhead_ms`: main-thread script time (CDP `Performance.getMetrics` ScriptDuration
 * of the page's renderer: the page's own scripts and every extension world in it) a page load
 * costs with Lessonmark over a null extension (one empty content script on every page), loaded
 * alternately in two browsers on the same machine; median per page, the worst page reported.
 * `badge_agreement`: on the same pages, with lessons about them stored, the share of pages whose
 * badge shows what the side panel lists (its full read, ranked and counted as the badge counts).
 */
export default async function (): Promise<Metrics> {
  const dir = builtExtension(OUT_DIR);
  const nullDir = nullExtension();
  const load = loadavg()[0];

  const ours = await launchWithExtension(dir);
  const none = await launchExtension(mkdtempSync(join(tmpdir(), 'lm-bench-null-')), undefined, nullDir, true);
  const times = new Map<string, { ours: number[]; none: number[] }>(PAGES.map((p) => [p.name, { ours: [], none: [] }]));
  try {
    await setHosts(ours.sw);
    await servePages(ours.context);
    await servePages(none);
    for (let run = 0; run < RUNS; run++) {
      for (const page of PAGES) {
        const t = times.get(page.name)!;
        // Alternate which browser goes first, so neither always loads a page the other just warmed.
        if (run % 2 === 0) {
          t.ours.push(await scriptMs(ours.context, page));
          t.none.push(await scriptMs(none, page));
        } else {
          t.none.push(await scriptMs(none, page));
          t.ours.push(await scriptMs(ours.context, page));
        }
      }
    }
  } finally {
    await ours.context.close();
    await none.close();
  }

  const agreement = await badgeAgreement(dir);
  const perPage = PAGES.map((p) => {
    const t = times.get(p.name)!;
    const ourMs = median(t.ours);
    const noneMs = median(t.none);
    return { name: p.name, kb: Math.round(savedPageHtml(p).length / 1024), ourMs, noneMs, overhead: ourMs - noneMs };
  });
  const worst = perPage.reduce((a, b) => (b.overhead > a.overhead ? b : a));
  const machine = `1-min load average ${load.toFixed(1)} at start on ${availableParallelism()} cores`;
  const fmt = (x: number) => x.toFixed(1);
  return {
    page_script_overhead_ms: {
      value: Number(worst.overhead.toFixed(1)),
      unit: 'ms',
      baseline: null,
      note: `worst page (${worst.name}); ScriptDuration medians of ${RUNS} alternating loads, Lessonmark − null extension: ${perPage.map((p) => `${p.name} (${p.kb} KB) ${fmt(p.ourMs)} − ${fmt(p.noneMs)} = ${fmt(p.overhead)}`).join('; ')}; no lessons stored, requests to other sites aborted, ${SETTLE_MS / 1000} s after load; headless Chromium, ${machine}; goal ≤ 20 ms`,
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
