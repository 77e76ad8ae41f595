import { execFileSync } from 'node:child_process';
import { expect, type Page, type Worker } from '@playwright/test';
import { exportJson } from '../../../lib/export/json';
import type { Lesson, LessonDraftInput } from '../../../lib/lesson';
import { ROOT, freshDb, startServerProcess, type ServerProcess, type TestDb } from '../server-harness';
import { extensionId, storeRowsHere } from './fixtures';

export interface TeamServer {
  db: TestDb;
  server: ServerProcess;
  /** The first member's token. */
  token: string;
  /** One token per member: the server names a lesson's author from the token that created it. */
  tokens: Record<string, string>;
  team: string;
  stop(): Promise<void>;
}

/** Runs the server CLI the way an admin would, against the given database. */
export function cli(db: TestDb, args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', ...db.env },
    encoding: 'utf8',
  });
}

/** A real server process on a temp SQLite file, with a team and a token per member made by the CLI. */
export async function startTeamServer(team: string, serveArgs: string[] = [], members = ['Ana', 'Ben']): Promise<TeamServer> {
  const db = await freshDb('sqlite');
  cli(db, ['team', 'create', team]);
  const tokens: Record<string, string> = {};
  for (const member of members) {
    tokens[member] = cli(db, ['token', 'create', '--team', team, '--member', member, '--name', 'e2e']).trim().split('\n').pop()!.trim();
  }
  const server = await startServerProcess(db, ['--quiet', ...serveArgs]);
  return {
    db,
    server,
    token: tokens[members[0]],
    tokens,
    team,
    stop: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

export function optionsUrl(sw: Worker): string {
  return `chrome-extension://${extensionId(sw)}/options.html`;
}

/** Fills the options form as a person would, checks the connection test, and saves. */
export async function connect(page: Page, endpoint: string, token: string, displayName: string, team: string): Promise<void> {
  await page.getByLabel('Endpoint URL').fill(endpoint);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toHaveText(`OK — team ${team}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Saved');
}

/** Sends a message to the background in the shape @webext-core/messaging uses, from an extension page. */
export async function send<T>(page: Page, type: string, data: unknown): Promise<T> {
  return replyOf<T>(type, await page.evaluate(messageFromPage, [type, data] as const));
}

/**
 * Runs in an extension page (Playwright's or puppeteer's `evaluate`): the raw reply. Firefox's
 * `chrome.runtime.sendMessage` takes a callback; its `browser` one returns the promise.
 */
export function messageFromPage([type, data]: readonly [string, unknown]): Promise<{ res?: unknown; err?: unknown }> {
  const runtime = ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).runtime;
  return runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() });
}

export function replyOf<T>(type: string, reply: { res?: unknown; err?: unknown }): T {
  if (reply?.err) throw new Error(`${type}: ${JSON.stringify(reply.err)}`);
  return reply.res as T;
}

/** Imports lessons through the worker as the library does: a file (here a blob of the export) previewed, then applied. */
export async function importThroughWorker(page: Page, lessons: Lesson[]): Promise<{ written: number; skipped: number }> {
  const url = await page.evaluate((text) => URL.createObjectURL(new Blob([text])), exportJson(lessons));
  await send(page, 'previewImport', { url });
  return send(page, 'applyImport', { url });
}

export function draft(over: Partial<LessonDraftInput> = {}): LessonDraftInput {
  return {
    kind: 'mistake',
    quote: 'we deployed at 17:00 on a Friday',
    note: 'no freeze window',
    source: { url: 'https://acme.atlassian.net/browse/ACME-123', site: 'jira', workItem: 'jira:acme.atlassian.net:ACME-123', title: 'ACME-123 Checkout outage', project: 'ACME' },
    ...over,
  };
}

/** Rows of a store in the extension's IndexedDB, read in the service worker. */
export async function readStore(sw: Worker, store: string): Promise<any[]> {
  return sw.evaluate(storeRowsHere, store);
}
