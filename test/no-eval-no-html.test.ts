// @vitest-environment happy-dom
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noEvalNoHtml } from '../build/no-eval-no-html';
import { FIXTURES, loadFixture } from './fixtures/sites/load';

/** The libraries as the extension's bundles get them: rewritten by the build plugin. */
const require = createRequire(import.meta.url);
// Inside the project, where Vitest's module loader may import from.
const cache = join(import.meta.dirname, '../node_modules/.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'lessonmark-rewrites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `node_modules/<file>` as the plugin rewrites it, and returns where. */
function rewritten(file: string, as: string): string {
  const path = join(import.meta.dirname, '../node_modules', file);
  const transform = noEvalNoHtml().transform as (code: string, id: string) => { code: string } | null;
  const result = transform(readFileSync(path, 'utf8'), path);
  if (!result) throw new Error(`${file} is not rewritten`);
  const out = join(dir, as);
  writeFileSync(out, result.code);
  return out;
}

type ReadabilityClass = new (doc: Document, options?: { charThreshold?: number }) => {
  parse(): { title: string; byline: string | null; excerpt: string | null; textContent: string; content: string } | null;
};
const Original = require('@mozilla/readability/Readability.js') as ReadabilityClass;
const Rewritten = require(rewritten('@mozilla/readability/Readability.js', 'readability.cjs')) as ReadabilityClass;

const read = (Reader: ReadabilityClass, html: string, charThreshold?: number) =>
  new Reader(new DOMParser().parseFromString(html, 'text/html'), { charThreshold }).parse();

describe('Readability without innerHTML', () => {
  it.each(FIXTURES)('reads %s exactly as before', (file) => {
    const { html } = loadFixture(file);
    expect(read(Rewritten, html)).toEqual(read(Original, html));
  });

  it('restores its working copy between attempts as before (every attempt too short)', () => {
    const { html } = loadFixture('generic-article.html');
    const original = read(Original, html, 1_000_000);
    expect(original).not.toBeNull();
    expect(read(Rewritten, html, 1_000_000)).toEqual(original);
  });

  it('unwraps a <noscript> image as before', () => {
    const html = `<html><body><article><h1>Lazy</h1><p>${'Words worth reading. '.repeat(40)}</p>
      <figure><img src="data:image/gif;base64,R0lGOD" data-src="/real.png"><noscript><img src="/real.png" alt="the real one"></noscript></figure>
      <p>${'More words after the picture. '.repeat(30)}</p></article></body></html>`;
    const original = read(Original, html);
    // The placeholder gave way to the <noscript> image, keeping its own source aside.
    expect(original!.content).toContain('data-old-src');
    expect(read(Rewritten, html)).toEqual(original);
  });
});

describe('Preact without dangerouslySetInnerHTML', () => {
  it('renders text as text, and refuses HTML strings', async () => {
    const { h, render } = (await import(/* @vite-ignore */ rewritten('preact/dist/preact.mjs', 'preact.mjs'))) as typeof import('preact');
    const root = document.createElement('div');
    render(h('p', null, '<img src=x onerror=alert(1)>'), root);
    expect(root.querySelector('p')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(root.querySelector('img')).toBeNull();
    expect(() => render(h('div', { dangerouslySetInnerHTML: { __html: '<b>x</b>' } }), document.createElement('div'))).toThrow(
      /renders no HTML strings/,
    );
  });
});

describe('zod without eval', () => {
  it('has every Function constructor replaced by one that throws', () => {
    for (const file of ['util.js', 'doc.js', 'compile.js']) {
      const code = readFileSync(rewritten(`zod/v4/core/${file}`, `zod-${file}`), 'utf8');
      expect(code).not.toMatch(/=\s*Function\b|new Function\(/);
      expect(code).toContain('built without eval');
    }
  });
});
