// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../test/fixtures/sites/load';
import { genericText, readGeneric } from './generic';
import { detectSource, identifyPage, pageText } from './index';

/** hostile.html comes from a self-hosted Jira the person added. */
const HOSTS = { hosts: { jira: ['jira.corp.example'] } };
const PAYLOAD_SCRIPT = '<script>window.__lessonmarkPwned=1</script>';
const globals = globalThis as { __lessonmarkPwned?: unknown; __hostileScripts?: unknown; __hostileOnerror?: unknown };

afterEach(() => {
  expect(globals.__lessonmarkPwned).toBeUndefined();
  expect(globals.__hostileScripts).toBeUndefined();
  expect(globals.__hostileOnerror).toBeUndefined();
});

describe('a page whose title, labels and body carry markup', () => {
  it('comes through as the characters it shows, never as markup', () => {
    const { url, doc } = loadFixture('hostile.html');
    const source = detectSource(url, doc, HOSTS);
    expect(source.title).toContain(PAYLOAD_SCRIPT);
    expect(source.title).toContain('<img src=x onerror="window.__lessonmarkPwned=1">');
    expect(source.labels).toContain('<img src=x onerror=window.__lessonmarkPwned=1>');
    expect(source.labels).toContain(PAYLOAD_SCRIPT);
    expect(source.excerpt).toContain(PAYLOAD_SCRIPT);
  });

  it('leaves out what real script, noscript and hidden elements hold', () => {
    const { url, doc } = loadFixture('hostile.html');
    const source = detectSource(url, doc, HOSTS);
    const text = pageText(url, doc, HOSTS);
    for (const out of [source.title, source.excerpt ?? '', text, ...source.labels]) {
      expect(out).not.toContain('__hostileScripts');
      expect(out).not.toContain('__hostileOnerror');
      expect(out).not.toContain('noscript text');
      expect(out).not.toContain('hidden paragraph');
    }
    expect(source.labels).toContain('real-element');
    expect(text).toContain('a reader of the page must see only their text, which is none.');
  });

  it('reads the same way through Readability, without touching the live document', () => {
    const { doc } = loadFixture('hostile.html');
    const before = doc.documentElement.outerHTML;
    const generic = readGeneric(doc);
    const text = genericText(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(generic.title).toContain(PAYLOAD_SCRIPT);
    expect(text).toContain(PAYLOAD_SCRIPT);
    expect(text).not.toContain('__hostileScripts');
  });

  it('is identified without reading its text', () => {
    const { url, doc } = loadFixture('hostile.html');
    expect(identifyPage(url, doc, HOSTS)).toEqual({
      site: 'jira',
      workItem: 'jira:jira.corp.example:SEC-1',
      project: 'SEC',
      url: 'https://jira.corp.example/browse/SEC-1',
    });
  });

  it('markup in the URL stays in the URL, encoded', () => {
    const { doc } = loadFixture('generic-article.html');
    const source = detectSource('https://blog.example.com/p?q=<script>alert(1)</script>#<img>', doc);
    expect(source.url).toBe('https://blog.example.com/p?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E');
  });
});

describe('the adapters', () => {
  it('never write HTML into a document', () => {
    const dir = import.meta.dirname;
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(/);
    }
  });
});
