import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from '@playwright/test';
import { launchExtension } from '../test/support/e2e/fixtures';
import type { SiteServer } from '../test/support/e2e/site-server';

/**
 * Builds the extension into its own folder so a bench never races the tests' build; `env` adds
 * build flags (LESSONMARK_BENCH=1: the page layer's timing probe, wxt.config.ts).
 */
export function buildExtension(outDir = '.output-bench', env: Record<string, string> = {}): string {
  const run = spawnSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env, LESSONMARK_OUT_DIR: outDir },
  });
  if (run.status !== 0) throw new Error('wxt build failed');
  return resolve(outDir, 'chrome-mv3');
}

/**
 * The extension a bench measures: built into `outDir`, or the build LESSONMARK_BENCH_EXTENSION names
 * (the previous code's, built beforehand, to measure it on the same machine and corpus).
 */
export function benchExtension(outDir: string): string {
  const prebuilt = process.env.LESSONMARK_BENCH_EXTENSION;
  return prebuilt ? resolve(prebuilt, 'chrome-mv3') : buildExtension(outDir);
}

const SOURCES = ['entrypoints', 'components', 'lib', 'wxt.config.ts', 'package.json', 'package-lock.json'];

/** The extension built into `outDir` (with `env`, as buildExtension), rebuilt only when a source is newer than the build. */
export function builtExtension(outDir: string, env: Record<string, string> = {}): string {
  const manifest = resolve(outDir, 'chrome-mv3', 'manifest.json');
  if (existsSync(manifest) && newest(SOURCES) < statSync(manifest).mtimeMs) return resolve(outDir, 'chrome-mv3');
  return buildExtension(outDir, env);
}

function newest(paths: string[]): number {
  let latest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const stat = statSync(p);
    latest = Math.max(latest, stat.isDirectory() ? newest(readdirSync(p).map((f) => join(p, f))) : stat.mtimeMs);
  }
  return latest;
}

/** Real Chromium with the built extension on a fresh profile, as the e2e tests launch it. */
export async function launchWithExtension(extensionDir: string, sites?: SiteServer) {
  const context = await launchExtension(mkdtempSync(join(tmpdir(), 'lm-bench-')), sites, extensionDir);
  const sw: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, sw, extensionId: new URL(sw.url()).host };
}
