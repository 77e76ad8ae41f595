import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { detectSource, identifyPage, pageText } from '../lib/sites/index';
import { FIXTURES } from '../test/fixtures/sites/load';
import { median, type Metrics } from './metric';

const DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'sites');
const ROUNDS = 30;

async function bundleGzipKb(entry: string): Promise<number> {
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent' });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length / 1024;
}

/** Per-page cost of each entry point over the saved-page fixtures, and the size a content script carries. */
export default async function (): Promise<Metrics> {
  const window = new Window();
  const parser = new window.DOMParser();
  const pages = FIXTURES.map((file) => {
    const html = readFileSync(join(DIR, file), 'utf8');
    const doc = parser.parseFromString(html, 'text/html') as unknown as Document;
    const url = doc.querySelector('meta[name="lessonmark-fixture-url"]')!.getAttribute('content')!;
    return { url, doc };
  });
  const time = (fn: (url: string, doc: Document) => unknown): number => {
    const samples: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = performance.now();
      for (const { url, doc } of pages) fn(url, doc);
      samples.push((performance.now() - start) / pages.length);
    }
    return median(samples);
  };
  const identify = time(identifyPage);
  const detect = time(detectSource);
  const text = time(pageText);
  const identifyKb = await bundleGzipKb(join(import.meta.dirname, '..', 'lib', 'sites', 'identify.ts'));
  const fullKb = await bundleGzipKb(join(import.meta.dirname, '..', 'lib', 'sites', 'index.ts'));
  await window.happyDOM.close();
  return {
    sites_identify_ms: {
      value: identify,
      unit: 'ms',
      baseline: detect,
      note: `identifyPage per page, ${pages.length} fixtures (happy-dom); baseline: full detectSource`,
    },
    sites_page_text_ms: { value: text, unit: 'ms', baseline: null, note: 'pageText per page (Readability on the article fixture)' },
    sites_identify_gzip_kb: {
      value: identifyKb,
      unit: 'KB',
      baseline: fullKb,
      note: 'lib/sites/identify.ts minified+gzip; baseline: lib/sites/index.ts with Readability',
    },
  };
}
