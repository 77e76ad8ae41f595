import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The store packages as `npm run zip` makes them, unpacked: what a store (and then a browser)
 * receives. Built once into a folder of its own, so it never races another build.
 */
const root = join(import.meta.dirname, '..');
const OUT = '.output-packages-test';
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Names only the e2e driver, the hostile fixtures and the bench build (lib/page/bench-probe.ts) use: none may reach a package. */
const TEST_HOOKS = ['holdRenders', 'openRootsToTools', 'lessonmark.e2e', 'closedRoots', '__lessonmark', '__realPut', '__realAdd', 'lessonmarkBench'];

/**
 * The environment `npm run zip` gets from a shell: without what Vitest sets for its own code
 * (NODE_ENV=test, MODE, DEV…), which Vite would read and build a different extension from.
 */
function buildEnv(outDir?: string): NodeJS.ProcessEnv {
  const vitestOwn = new Set(['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST', 'LESSONMARK_OUT_DIR']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !vitestOwn.has(key) && !key.startsWith('VITEST')));
  return outDir ? { ...env, LESSONMARK_OUT_DIR: outDir } : env;
}

type Files = Map<string, Uint8Array>;
const text = (files: Files, path: string) => new TextDecoder().decode(files.get(path));
const unzip = (name: string): Files => new Map(Object.entries(unzipSync(readFileSync(join(root, OUT, name)))).filter(([path]) => !path.endsWith('/')));

let chrome: Files;
let firefox: Files;
let sources: Files;

beforeAll(() => {
  rmSync(join(root, OUT), { recursive: true, force: true });
  execFileSync('npm', ['run', 'zip'], { cwd: root, env: buildEnv(OUT), stdio: 'pipe' });
  chrome = unzip(`lessonmark-${version}-chrome.zip`);
  firefox = unzip(`lessonmark-${version}-firefox.zip`);
  sources = unzip(`lessonmark-${version}-sources.zip`);
}, 240_000);

afterAll(() => rmSync(join(root, OUT), { recursive: true, force: true }));

/** Every file the manifest names, with the locale files its `__MSG_…__` strings need. */
function manifestFiles(manifest: Record<string, any>): string[] {
  const icons = (set: Record<string, string> | undefined) => Object.values(set ?? {});
  const button = manifest.action ?? manifest.browser_action ?? {};
  return [
    ...icons(manifest.icons),
    ...icons(button.default_icon),
    ...(button.theme_icons ?? []).flatMap((icon: { light: string; dark: string }) => [icon.light, icon.dark]),
    button.default_popup,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script: { js?: string[]; css?: string[] }) => [...(script.js ?? []), ...(script.css ?? [])]),
    manifest.options_ui?.page,
    manifest.side_panel?.default_path,
    manifest.sidebar_action?.default_panel,
    ...icons(manifest.sidebar_action?.default_icon),
    ...(manifest.web_accessible_resources ?? []).flatMap((entry: string | { resources: string[] }) =>
      typeof entry === 'string' ? [entry] : entry.resources,
    ),
    manifest.default_locale && `_locales/${manifest.default_locale}/messages.json`,
  ]
    .filter((path): path is string => typeof path === 'string')
    .map((path) => path.replace(/^\//, ''));
}

/**
 * Paths the pages and scripts load at run time: pages' `src`/`href`, scripts' relative imports,
 * preloaded chunks and styles, and the files the worker injects (`/capture.js`).
 */
function loadedFiles(files: Files): { from: string; path: string }[] {
  const found: { from: string; path: string }[] = [];
  for (const name of files.keys()) {
    if (name.endsWith('.html')) {
      for (const [, ref] of text(files, name).matchAll(/\s(?:src|href)="([^"#?:]+)"/g)) {
        found.push({ from: name, path: ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(name), ref) });
      }
    }
    if (name.endsWith('.js')) {
      for (const [, ref] of text(files, name).matchAll(/["'`]((?:\.{1,2}\/|\/|chunks\/|assets\/)[\w./-]+\.(?:js|html|css|png|json))["'`]/g)) {
        const path = ref.startsWith('.') ? posix.join(posix.dirname(name), ref) : ref.replace(/^\//, '');
        found.push({ from: name, path });
      }
    }
  }
  return found;
}

describe.each([
  ['Chrome Web Store', () => chrome, 3],
  ['Firefox add-on', () => firefox, 2],
] as const)('the %s package', (_store, pkg, manifestVersion) => {
  it('has a valid manifest with the version from package.json', () => {
    const manifest = JSON.parse(text(pkg(), 'manifest.json'));
    expect(manifest.manifest_version).toBe(manifestVersion);
    expect(manifest.version).toBe(version);
    expect(manifest.name).toBeTruthy();
    expect(manifest.icons).toHaveProperty('128');
  });

  it('contains every file the manifest names', () => {
    const named = manifestFiles(JSON.parse(text(pkg(), 'manifest.json')));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !pkg().has(path))).toEqual([]);
  });

  it('has its icons at the sizes the manifest says', () => {
    const manifest = JSON.parse(text(pkg(), 'manifest.json'));
    const button = manifest.action ?? manifest.browser_action;
    const sized: [string, string][] = [
      ...Object.entries<string>(manifest.icons),
      ...Object.entries<string>(button.default_icon),
      ...(button.theme_icons ?? []).flatMap((i: { light: string; dark: string; size: number }) => [[String(i.size), i.light], [String(i.size), i.dark]] as [string, string][]),
    ];
    for (const [size, path] of sized) {
      const png = Buffer.from(pkg().get(path)!);
      expect([path, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([path, Number(size), Number(size)]);
    }
  });

  it('has every message its manifest names, in English and German', () => {
    const manifest = text(pkg(), 'manifest.json');
    const names = [...manifest.matchAll(/__MSG_(\w+)__/g)].map(([, name]) => name.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['extension_name', 'extension_description', 'action_title']));
    const languages = [...pkg().keys()].flatMap((path) => /^_locales\/([^/]+)\/messages\.json$/.exec(path)?.[1] ?? []);
    expect(languages.sort()).toEqual(['de', 'en']);
    for (const lang of languages) {
      // Message names are case-insensitive to the browser.
      const messages = new Set(Object.keys(JSON.parse(text(pkg(), `_locales/${lang}/messages.json`))).map((k) => k.toLowerCase()));
      expect([lang, names.filter((name) => !messages.has(name))]).toEqual([lang, []]);
    }
  });

  it('contains every file its pages and scripts load', () => {
    const loaded = loadedFiles(pkg());
    expect(loaded.length).toBeGreaterThan(20);
    expect(loaded.filter(({ path }) => !pkg().has(path))).toEqual([]);
  });

  it('ships no source map and no test hook', () => {
    const names = [...pkg().keys()];
    expect(names.filter((name) => name.endsWith('.map'))).toEqual([]);
    const scripts = names.filter((name) => /\.(js|html)$/.test(name));
    const leaks = scripts.flatMap((name) => {
      const body = text(pkg(), name);
      return [...TEST_HOOKS, 'sourceMappingURL'].filter((hook) => body.includes(hook)).map((hook) => `${name}: ${hook}`);
    });
    expect(leaks).toEqual([]);
  });
});

/** Writes unpacked files into a new temporary folder. */
function unpackTo(files: Files, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, data] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

it('ships the icons assets/icon.svg draws (npm run icons)', () => {
  execFileSync('node', ['scripts/icons.mjs', '--check'], { cwd: root, stdio: 'pipe' });
});

describe("Mozilla's add-ons linter on the Firefox package", () => {
  it('finds no error, warning or notice', () => {
    const dir = unpackTo(firefox, 'lessonmark-firefox-');
    try {
      const report = JSON.parse(
        execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { cwd: root, env: buildEnv(), encoding: 'utf8' }),
      ) as Record<'errors' | 'warnings' | 'notices', { code: string; file?: string; message: string }[]>;
      const found = [...report.errors, ...report.warnings, ...report.notices].map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`);
      expect(found).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('declares that it collects nothing', () => {
    const manifest = JSON.parse(text(firefox, 'manifest.json'));
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});

describe('the Firefox sources package', () => {
  it('holds the sources and nothing a build makes or only tests need', () => {
    const names = [...sources.keys()];
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'entrypoints/background.ts', 'public/icon/128.png']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((name) => /(^|\/)(node_modules|\.output[^/]*|test|test-results|bench)\//.test(name) || /\.test\.tsx?$/.test(name))).toEqual([]);
  });

  it('rebuilds into exactly the Firefox package with the README commands', () => {
    // `npm ci` would fetch the same locked packages; the checkout's own node_modules stand in for it.
    const dir = unpackTo(sources, 'lessonmark-sources-');
    try {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: dir, env: buildEnv(), stdio: 'pipe' });
      const rebuilt = new Map<string, string>();
      const walk = (at: string, prefix: string) => {
        for (const entry of readdirSync(at, { withFileTypes: true })) {
          const path = prefix + entry.name;
          if (entry.isDirectory()) walk(join(at, entry.name), `${path}/`);
          else rebuilt.set(path, readFileSync(join(at, entry.name)).toString('base64'));
        }
      };
      walk(join(dir, '.output/firefox-mv2'), '');
      const shipped = new Map([...firefox].map(([name, data]) => [name, Buffer.from(data).toString('base64')]));
      expect([...rebuilt.keys()].sort()).toEqual([...shipped.keys()].sort());
      expect([...rebuilt].filter(([name, data]) => shipped.get(name) !== data).map(([name]) => name)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
