import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { noEvalNoHtml } from './build/no-eval-no-html';

/** The Firefox add-on id (Firefox keeps an extension's data under it). */
const FIREFOX_ID = 'lessonmark@lessonmark.dev';

/**
 * The toolbar button's icons (scripts/icons.mjs draws them). Chrome has one icon for every theme: the
 * ink outline carries it on light toolbars, the yellow body on dark ones. Firefox picks by theme,
 * and names each icon by its own colour: the light one (a yellow outline) is for dark toolbars.
 */
const toolbarIcon = { 16: 'icon/16.png', 32: 'icon/32.png' };
const themeIcons = [16, 32].map((size) => ({ light: `toolbar/dark-theme-${size}.png`, dark: `icon/${size}.png`, size }));

export default defineConfig({
  srcDir: '.',
  // locales/<lang>.yml become _locales/<lang>/messages.json; `i18n.t` is typed from them.
  modules: ['@wxt-dev/i18n/module'],
  entrypointsDir: 'entrypoints',
  // Lets two builds (two engineers, or a bench beside the tests) run without overwriting each other.
  outDir: process.env.LESSONMARK_OUT_DIR ?? '.output',
  // `npm run zip`: the store packages, and for Firefox's review the sources they are built from.
  // WXT already leaves out node_modules, dot folders (builds included) and *.test.* files; the rest
  // here is not needed by `npm ci && npm run build` (tests, the team server, benches, pictures).
  zip: {
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-sources.zip',
    excludeSources: [
      'test/**',
      'server/**',
      'bench/**',
      'docs/**',
      'scripts/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'lib/**/testing/**',
      'lib/**/testing.ts',
      'playwright.config.ts',
      'vitest.config.ts',
    ],
    // The icons' source and the script that draws them, so a reviewer can see where the PNGs come from.
    includeSources: ['scripts/icons.mjs'],
  },
  vite: () => ({
    // LESSONMARK_BENCH=1 builds the page-cost bench's extension, whose page layer shows the bench
    // its anchoring function (lib/page/bench-probe.ts); in every other build that is dead code, removed.
    define: { __LESSONMARK_BENCH__: JSON.stringify(process.env.LESSONMARK_BENCH === '1') },
    plugins: [
      preact(),
      noEvalNoHtml(),
      {
        // zod and Dexie in chunks of their own, so a page that paints from Dexie alone never waits for zod.
        // Only the multi-chunk (ES) builds: the background and content scripts are single IIFE files.
        name: 'lessonmark-vendor-chunks',
        outputOptions(options: { format?: string; codeSplitting?: unknown }) {
          if (options.format !== 'es') return null;
          return {
            ...options,
            codeSplitting: {
              groups: [
                { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
                { name: 'dexie', test: /node_modules[\\/]dexie[\\/]/ },
              ],
            },
          };
        },
      },
    ],
  }),
  hooks: {
    // The pages' <title>s name the toolbar button and Firefox's sidebar; the browser shows these in
    // its own language, so they come from the messages.
    'build:manifestGenerated': (_wxt, manifest) => {
      // The script every page gets (entrypoints/every-page: an unlisted script, so that WXT's
      // content-script wrapper, which signals each start to the page, is not in it).
      manifest.content_scripts = [{ matches: ['<all_urls>'], js: ['every-page.js'], run_at: 'document_idle' }];
      const button = manifest.action ?? manifest.browser_action;
      if (button) button.default_title = '__MSG_action_title__';
      const sidebar = (manifest as { sidebar_action?: { default_title?: string } }).sidebar_action;
      if (sidebar) sidebar.default_title = '__MSG_sidebar_title__';
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    default_locale: 'en',
    // WXT adds the popup to these; Firefox's MV2 build names the button browser_action.
    ...(browser === 'firefox'
      ? { browser_action: { default_icon: toolbarIcon, theme_icons: themeIcons } }
      : { action: { default_icon: toolbarIcon } }),
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms'],
    // Highlights come back on any page a lesson was saved on, so the content script runs everywhere.
    // It covers the team endpoint (any host the user sets) and self-hosted Jira, Confluence and
    // GitHub Enterprise too: the options page still asks for those, which re-grants a host the user
    // had withheld in Chrome's site access settings.
    host_permissions: ['<all_urls>'],
    commands: {
      'save-lesson': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commands_saveLesson__',
      },
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commands_openSidePanel__',
      },
    },
    // Firefox keys an extension's storage (IndexedDB included) by its id: without a fixed one, each
    // load of the unpacked build gets a new id and starts with no lessons.
    // Nothing is collected by us: lessons stay in the browser, and team lessons go only to the
    // endpoint the user sets up themselves (README, "What leaves your device").
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: FIREFOX_ID, data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});
