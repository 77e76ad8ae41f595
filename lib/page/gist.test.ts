// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Source } from '../lesson';
import { PageGistSchema } from '../messages';
import { badgeCount, createRelatedIndex, relatedLessons, STRONG_SIMILAR } from '../related/rank';
import { detectSource, identifyPage, pageText } from '../sites';
import { adapterOf } from '../sites/registry';
import { MAX_PAGE_TEXT_CHARS } from '../sites/text';
import type { DetectOptions } from '../sites/types';
import { loadFixture } from '../../test/fixtures/sites/load';
import { PAGE_HOSTS, SAVED_PAGES, savedPageHtml } from '../../test/fixtures/pages/pages';
import { lessonsAboutPages } from '../../test/support/page-lessons';
import { MAX_HEADINGS, readGist } from './gist';
import { whenIdle } from './idle';

const HOSTS = { hosts: { jira: ['jira.corp.example'], confluence: ['wiki.corp.example', ...PAGE_HOSTS.confluence] } };

/** The badge's read as the content script takes it: with the identity it asked for the page's lessons by. */
const gistOf = (url: string, doc: Document, options: DetectOptions = HOSTS) => readGist(url, doc, identifyPage(url, doc, options));
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
// happy-dom reports every iframe it may not load; a frame's document is not the page's text either way.
const parseSaved = (html: string) => parse(html.replace(/<iframe\b[^>]*>/gi, '<div hidden>'));

afterEach(() => vi.restoreAllMocks());

describe('readGist on the site fixtures', () => {
  const SITE_PAGES = ['jira-cloud-issue.html', 'jira-server-issue.html', 'confluence-cloud-page.html', 'confluence-server-page.html', 'github-issue.html', 'github-pull.html'];

  it.each(SITE_PAGES)('%s: the work item, project, title, labels and text of the full read', (file) => {
    const { url, doc } = loadFixture(file);
    const gist = gistOf(url, doc);
    const full = detectSource(url, doc, HOSTS);
    expect(gist.source).toEqual({ site: full.site, workItem: full.workItem, project: full.project, url: full.url, title: full.title, labels: full.labels });
    expect(gist.text).toBe(pageText(url, doc, HOSTS));
    expect(PageGistSchema.parse(gist)).toEqual(gist);
  });

  it.each(SITE_PAGES)('%s: the brief read the gist asks for is the title and labels alone, without the excerpt', (file) => {
    const { url, doc } = loadFixture(file);
    const { site, workItem } = identifyPage(url, doc, HOSTS);
    const read = adapterOf(site).read!;
    const full = read(new URL(url), doc, workItem);
    // The full read walks the body for an excerpt; the badge's read on every page load need not.
    expect(full.excerpt).toBeTruthy();
    expect(read(new URL(url), doc, workItem, true)).toEqual({ title: full.title, labels: full.labels });
  });

  it('reads a blog post without Readability: no copy of the document is made', () => {
    const { url, doc } = loadFixture('generic-article.html');
    const clone = vi.spyOn(doc, 'cloneNode');
    const gist = gistOf(url, doc);
    expect(clone).not.toHaveBeenCalled();
    // The full read runs Readability on a copy: the spy sees it, so the check above can fail.
    detectSource(url, doc, HOSTS);
    expect(clone).toHaveBeenCalled();
    expect(gist.source.site).toBe('web');
    expect(gist.source.labels).toEqual(detectSource(url, doc, HOSTS).labels);
    expect(gist.text).toContain('What a flaky test taught us');
  });

  it('keeps markup in the page as characters and leaves out scripts and hidden text', () => {
    const { url, doc } = loadFixture('hostile.html');
    const gist = gistOf(url, doc);
    expect(gist.text).toContain('<script>');
    expect(gist.text).not.toContain('__hostileScripts');
    expect((globalThis as { __lessonmarkPwned?: unknown }).__lessonmarkPwned).toBeUndefined();
  });
});

describe('readGist with the identity the content script already has', () => {
  it('takes it as given, not identifying the page a second time', () => {
    const { url, doc } = loadFixture('jira-server-issue.html');
    const identity = identifyPage(url, doc, HOSTS);
    const identify = vi.spyOn(adapterOf('jira'), 'identify');
    expect(readGist(url, doc, identity).source).toEqual({ ...identity, title: expect.any(String), labels: expect.any(Array) });
    expect(identify).not.toHaveBeenCalled();
  });
});

describe('readGist bounds', () => {
  it('reads the title, the headings and the start of the content, at most MAX_PAGE_TEXT_CHARS', () => {
    const sections = Array.from({ length: 100 }, (_, i) => `<h2>Section ${i} heading</h2><p>${`paragraph${i} words `.repeat(200)}</p>`).join('');
    const doc = parse(`<html><head><title>Long manual</title><meta name="keywords" content="shell, Manual"></head><body><nav>Menu links</nav><main>${sections}</main></body></html>`);
    const gist = gistOf('https://docs.example.org/manual', doc, {});
    expect(gist.text.length).toBeLessThanOrEqual(MAX_PAGE_TEXT_CHARS);
    expect(gist.text.startsWith('Long manual\nSection 0 heading\nSection 1 heading')).toBe(true);
    expect(gist.text).toContain(`Section ${MAX_HEADINGS - 1} heading`);
    expect(gist.text).not.toContain(`Section ${MAX_HEADINGS} heading\nSection`);
    // The content root is <main>: the navigation around it is not the page's subject.
    expect(gist.text).not.toContain('Menu links');
    expect(gist.source).toMatchObject({ site: 'web', title: 'Long manual', labels: ['shell', 'Manual'] });
  });

  it('reads a huge page only as far as the bound', () => {
    const doc = parse(`<html><body>${`<div><p>${'cell text here '.repeat(20)}</p></div>`.repeat(3000)}<p>the very end</p></body></html>`);
    const gist = gistOf('https://big.example/', doc, {});
    expect(gist.text.length).toBeLessThanOrEqual(MAX_PAGE_TEXT_CHARS);
    expect(gist.text).not.toContain('the very end');
  });
});

/**
 * Lessons about each saved page, saved elsewhere (test/support/page-lessons.ts): the badge must count
 * from the cheap read exactly what it counts from the full read, which the side panel lists.
 */
describe('badge agreement on real saved pages', () => {
  const pages = SAVED_PAGES.map((p) => {
    const doc = parseSaved(savedPageHtml(p));
    const full = { source: detectSource(p.url, doc, HOSTS), text: pageText(p.url, doc, HOSTS) };
    return { ...p, doc, full };
  });
  const lessons = lessonsAboutPages(pages.map((p) => p.full));
  const index = createRelatedIndex(lessons);
  const count = (source: Source, text: string) => badgeCount(relatedLessons(source, text, index, { limit: 60 }));

  it.each(pages.map((p) => [p.name, p] as const))('%s', (_, { url, doc, full }) => {
    const gist = gistOf(url, doc);
    expect(gist.source.workItem).toBe(full.source.workItem);
    const expected = count(full.source, full.text);
    // The lesson about the page's subject is counted, by its text alone.
    expect(relatedLessons(full.source, full.text, index, { limit: 60 }).some((r) => r.section === 'similar' && r.score >= STRONG_SIMILAR)).toBe(true);
    expect(count(gist.source, gist.text)).toBe(expected);
  });
});

describe('whenIdle', () => {
  it('waits for an idle callback, with a timeout so a busy page still gets its read', async () => {
    const calls: Array<{ timeout: number }> = [];
    let idle: () => void = () => {};
    const win = { requestIdleCallback: (cb: () => void, options: { timeout: number }) => ((idle = cb), calls.push(options), 1) } as unknown as Window;
    let ran = false;
    const done = whenIdle(win, () => (ran = true), 1500);
    await Promise.resolve();
    expect(ran).toBe(false);
    idle();
    await expect(done).resolves.toBe(true);
    expect(calls).toEqual([{ timeout: 1500 }]);
  });

  it('passes on what the work throws', async () => {
    const win = { requestIdleCallback: (cb: () => void) => (cb(), 1) } as unknown as Window;
    await expect(whenIdle(win, () => { throw new Error('boom'); })).rejects.toThrow('boom');
  });
});
