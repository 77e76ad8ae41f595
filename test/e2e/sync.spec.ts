import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { api, pullAll } from '../support/server-harness';
import { expect, launchExtension, readLessons, serviceWorker, test } from '../support/e2e/fixtures';
import { watchErrors } from '../support/e2e/page';
import { connect, draft, optionsUrl, readStore, send, startTeamServer, type TeamServer } from '../support/e2e/sync';

let team: TeamServer;

test.beforeAll(async () => {
  team = await startTeamServer('Platform');
});
test.afterAll(async () => {
  await team?.stop();
});

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-result')).toContainText('Synced');
}

test('the options page explains a failed connection test', async ({ context, sw }) => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(optionsUrl(sw));
  await page.getByLabel('Endpoint URL').fill('http://lessons.example.com');
  await expect(page.getByText('Use an https:// address')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByLabel('Endpoint URL').fill(team.server.url);
  await page.getByLabel('Token', { exact: true }).fill('lm_not-a-real-token');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Bad token (401)');
  await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Unreachable', { timeout: 15_000 });
  expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|401/.test(e))).toEqual([]);
});

test('a team lesson saved in one browser appears in another; a private one does not', async ({ context, sw, sites }) => {
  test.setTimeout(120_000);
  const dirB = mkdtempSync(join(tmpdir(), 'lessonmark-profile-b-'));
  const contextB = await launchExtension(dirB, sites);
  try {
    const swB = await serviceWorker(contextB);
    const pageA = await context.newPage();
    const pageB = await contextB.newPage();
    const errorsA = watchErrors(pageA);
    const errorsB = watchErrors(pageB);
    await pageA.goto(optionsUrl(sw));
    await pageB.goto(optionsUrl(swB));
    await connect(pageA, team.server.url, team.tokens.Ana, 'Ana', team.team);
    await connect(pageB, team.server.url, team.tokens.Ben, 'Ben', team.team);

    // On the device, the author comes from the display name the worker picked up from the settings;
    // the server names a team lesson's author from the token (made for Ana here).
    await expect.poll(async () => (await send<any>(pageA, 'saveLesson', draft({ title: 'probe', visibility: 'private' }))).author).toBe('Ana');
    const shared = await send<any>(pageA, 'saveLesson', draft({ title: 'Friday deploys need a freeze', visibility: 'team' }));
    const secret = await send<any>(pageA, 'saveLesson', draft({ title: 'My private doubt', visibility: 'private' }));
    await expect(pageA.getByTestId('pending')).toHaveText('1');
    await syncNow(pageA);
    await expect(pageA.getByTestId('pending')).toHaveText('0');
    await expect(pageA.getByTestId('last-sync')).toHaveText('just now');

    await syncNow(pageB);
    const rowsB = await readLessons(swB);
    const got = rowsB.find((l) => l.id === shared.id);
    expect(got).toMatchObject({ title: 'Friday deploys need a freeze', author: 'Ana', visibility: 'team' });
    expect(rowsB.some((l) => l.id === secret.id)).toBe(false);
    expect(rowsB.some((l) => l.title === 'probe')).toBe(false);

    const { changes } = await pullAll(api(team.server.url, team.token));
    expect(changes.map((c) => c.id)).toEqual([shared.id]);

    // Teammates' lessons are ordinary rows: the library lists them with their author.
    const library = await contextB.newPage();
    const errorsLib = watchErrors(library);
    await library.goto(`chrome-extension://${new URL(swB.url()).host}/library.html?lesson=${shared.id}`);
    await expect(library.getByText('Friday deploys need a freeze').first()).toBeVisible();
    await expect(library.getByText('Ana').first()).toBeVisible();

    // The side panel is another engineer's page; once it exists, the lesson must show there too.
    const hasPanel = await swB.evaluate(async () => (await fetch(chrome.runtime.getURL('/sidepanel.html'))).ok).catch(() => false);
    if (hasPanel) {
      const site = await contextB.newPage();
      await site.goto(sites.url('https://acme.atlassian.net/browse/ACME-123'));
      const tabId = await swB.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0].id, site.url());
      const panel = await contextB.newPage();
      await panel.goto(`chrome-extension://${new URL(swB.url()).host}/sidepanel.html?tab=${tabId}`);
      await expect(panel.getByText('Friday deploys need a freeze').first()).toBeVisible();
    }

    // An edit in B comes back to A; deleting it in A removes it from B.
    await send(pageB, 'updateLesson', {
      id: shared.id,
      patch: { title: 'Friday deploys need a freeze', quote: got.quote, note: 'agreed in retro', answers: got.answers, actions: got.actions, tags: ['deploy'], visibility: 'team' },
    });
    await syncNow(pageB);
    await syncNow(pageA);
    expect((await readLessons(sw)).find((l) => l.id === shared.id)).toMatchObject({ note: 'agreed in retro', tags: ['deploy'] });
    await send(pageA, 'deleteLessons', { ids: [shared.id] });
    await syncNow(pageA);
    await syncNow(pageB);
    expect((await readLessons(swB)).find((l) => l.id === shared.id)?.deletedAt).toBeTruthy();
    expect(await readStore(swB, 'outbox')).toEqual([]);

    for (const errors of [errorsA, errorsB, errorsLib]) expect(errors).toEqual([]);
  } finally {
    await contextB.close();
    rmSync(dirB, { recursive: true, force: true });
  }
});
