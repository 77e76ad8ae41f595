// Runs one benchmark module (default export: async () => metrics) and writes its metrics as JSON.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Metrics } from '../bench/metric';

// lib/ words its reasons and labels through the browser's i18n; run in Node, a bench reads the same
// locales/*.yml as the unit tests do (English), before any module of lib/ looks for a browser.
(globalThis as { chrome?: unknown }).chrome ??= fakeBrowser;
await import('../test/support/i18n');

const [file, out] = process.argv.slice(2);
const mod = await import(pathToFileURL(resolve(file)).href);
const metrics: Metrics = await mod.default();
writeFileSync(out, JSON.stringify(metrics));
process.exit(0);
