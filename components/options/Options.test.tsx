// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '@/lib/db/database';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '@/lib/settings';
import type { ConnectionResult } from '@/lib/sync/connection';
import type { OptionsEnv } from './env';
import { Options } from './Options';

let root: HTMLElement;
let db: LessonDb;
let stored: Settings;
let calls: { saved: Partial<Settings>[]; dismissed: number[][]; tested: unknown[]; synced: number };

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  db = openDb(`options-${Math.random()}`);
  stored = { ...DEFAULT_SETTINGS };
  calls = { saved: [], dismissed: [], tested: [], synced: 0 };
});
afterEach(async () => {
  render(null, root);
  root.remove();
  db.close();
  await db.delete();
});

function env(answer: ConnectionResult = { ok: true, team: 'Platform', message: 'OK — team Platform', expiresAt: null }): OptionsEnv {
  return {
    db,
    loadSettings: async () => stored,
    saveSettings: async (change) => {
      calls.saved.push(change);
      return (stored = SettingsSchema.parse({ ...stored, ...change }));
    },
    testConnection: async (target) => {
      calls.tested.push(target);
      return answer;
    },
    syncNow: async () => {
      calls.synced++;
      return { state: 'ok', pushed: 2, pulled: 3, removed: 0, conflicts: 0, status: { failures: 0, nextAttemptAt: 0, blocked: [] } };
    },
    dismissConflicts: async (seqs) => {
      calls.dismissed.push(seqs);
      await db.syncConflicts.bulkDelete(seqs);
    },
    grantHost: async () => true,
    revokeHost: async () => {},
    libraryUrl: 'chrome-extension://x/library.html',
    now: () => new Date(),
  };
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));
/** Live queries answer asynchronously (and slowly on a busy machine): wait for what the test expects. */
async function until(check: () => boolean, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('the page did not get there in time');
    await settle();
  }
}
async function mount(e = env()) {
  act(() => render(<Options env={e} />, root));
  await until(() => !!root.querySelector('[data-testid="pending"]') && byTestId('pending') !== '…');
}
const input = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;
function type(el: HTMLInputElement, text: string) {
  act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const byTestId = (id: string) => root.querySelector(`[data-testid="${id}"]`)!.textContent;

describe('Options page', () => {
  it('refuses a plain-http endpoint that is not this machine', async () => {
    await mount();
    type(input('endpoint'), 'http://lessons.example.com');
    expect(root.textContent).toContain('Use an https:// address');
    expect(button('Save').disabled).toBe(true);
    expect(button('Test connection').disabled).toBe(true);
  });

  it('takes an address typed without https://, says so, and saves it with the scheme', async () => {
    await mount();
    type(input('endpoint'), 'lessons.example.com');
    expect(root.textContent).not.toContain('not a URL');
    expect(root.textContent).toContain('Lessonmark will use https://lessons.example.com.');
    type(input('token'), 'lm_secret');
    await act(async () => button('Save').click());
    await settle();
    expect(calls.saved).toEqual([{ endpoint: 'https://lessons.example.com', token: 'lm_secret', displayName: '' }]);
    expect(input('endpoint').value).toBe('https://lessons.example.com');
    expect(root.textContent).not.toContain('Lessonmark will use');
  });

  it('says why "Sync now" is off', async () => {
    await mount();
    expect(button('Sync now').disabled).toBe(true);
    const why = root.querySelector(`#${button('Sync now').getAttribute('aria-describedby')}`);
    expect(why?.textContent).toBe('Add the endpoint URL and token first, then save.');
  });

  it('tests the typed values, shows the answer, and saves them trimmed', async () => {
    await mount();
    type(input('endpoint'), ' https://lessons.example.com ');
    type(input('token'), 'lm_secret ');
    type(input('displayName'), 'Ana');
    expect(input('token').type).toBe('password');
    await act(async () => button('Test connection').click());
    await settle();
    expect(calls.tested).toEqual([{ endpoint: 'https://lessons.example.com', token: 'lm_secret' }]);
    expect(byTestId('connection-result')).toBe('OK — team Platform');
    await act(async () => button('Save').click());
    await settle();
    expect(calls.saved).toEqual([{ endpoint: 'https://lessons.example.com', token: 'lm_secret', displayName: 'Ana' }]);
    expect(byTestId('connection-result')).toContain('Saved');
  });

  it('shows a failed test as an error', async () => {
    await mount(env({ ok: false, reason: 'unauthorized', message: 'Bad token (401): the endpoint does not know this token.' }));
    type(input('endpoint'), 'https://lessons.example.com');
    type(input('token'), 'nope');
    await act(async () => button('Test connection').click());
    await settle();
    expect(root.querySelector('[data-testid="connection-result"]')!.className).toContain('error');
    expect(byTestId('connection-result')).toContain('Bad token (401)');
  });

  it('says a save failed, keeps what was typed, and saves on the next try', async () => {
    const e = env();
    const store = e.saveSettings;
    let refuse = true;
    e.saveSettings = (change) => (refuse ? Promise.reject(new Error('the extension storage is full')) : store(change));
    await mount(e);
    type(input('endpoint'), 'https://lessons.example.com');
    type(input('token'), 'lm_secret');
    await act(async () => button('Save').click());
    await settle();
    expect(byTestId('connection-result')).toBe('Not saved: the extension storage is full');
    expect(root.querySelector('[data-testid="connection-result"]')!.className).toContain('error');
    expect(input('token').value).toBe('lm_secret');
    refuse = false;
    await act(async () => button('Save').click());
    await settle();
    expect(calls.saved).toEqual([{ endpoint: 'https://lessons.example.com', token: 'lm_secret', displayName: '' }]);
    expect(byTestId('connection-result')).toBe('Saved. Syncing with the team now.');
  });

  it('shows pending changes, the last error and the sync result, live from the database', async () => {
    stored = { ...stored, endpoint: 'https://lessons.example.com', tokenSavedAt: '2026-11-01T00:00:00.000Z' };
    await db.meta.put({ key: 'sync.status', value: { lastError: 'Unreachable: nothing answered at that address.', failures: 1, nextAttemptAt: 0, blocked: [] } });
    await mount();
    expect(byTestId('pending')).toBe('0');
    expect(byTestId('last-sync')).toBe('never');
    await until(() => byTestId('last-error')!.includes('Unreachable'));
    await db.outbox.put({ id: 'a', type: 'upsert', fields: ['note'], baseVersion: 1, opId: 'o1', changedAt: 0, sent: false });
    await until(() => byTestId('pending') === '1');
    await act(async () => button('Sync now').click());
    await settle();
    expect(calls.synced).toBe(1);
    expect(byTestId('sync-result')).toBe('Synced: 2 sent, 3 received.');
  });

  it('lists conflicts with what the team kept and what was yours, until dismissed', async () => {
    await db.syncConflicts.add({
      id: '01900000-0000-7000-8000-000000000001',
      title: 'Friday deploys',
      at: new Date().toISOString(),
      status: 'merged',
      conflicts: [
        { field: 'note', winner: 'server', server: 'their note', client: 'my note' },
        { field: 'tags', winner: 'merged', server: ['deploy'], client: ['freeze'] },
      ],
    });
    await mount();
    await until(() => !!root.querySelector('.conflict'));
    const rows = [...root.querySelectorAll('.conflict tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['note', 'their note', 'my note'],
      ['tags', 'merged: deploy + freeze', 'freeze'],
    ]);
    await act(async () => button('Dismiss').click());
    await until(() => root.textContent!.includes('No conflicts'));
    expect(calls.dismissed).toHaveLength(1);
  });

  it('adds a self-hosted host after the browser grants it', async () => {
    await mount();
    const host = root.querySelector<HTMLInputElement>('input[placeholder="jira.example.com"]')!;
    type(host, 'https://jira.acme.internal/browse/X-1');
    await act(async () => button('Grant access').click());
    await settle();
    expect(stored.hosts.jira).toEqual(['jira.acme.internal']);
    expect(root.textContent).toContain('Lessonmark now runs on jira.acme.internal');
  });

  it('offers every self-hosted kind of site the registry knows, GitLab included', async () => {
    await mount();
    const kind = root.querySelector('#sites-title')!.closest('section')!.querySelector('select')!;
    expect([...kind.options].map((o) => o.textContent)).toEqual(['Jira (self-hosted)', 'Confluence (self-hosted)', 'GitHub Enterprise', 'GitLab (self-hosted)']);
    await act(async () => {
      kind.value = 'gitlab';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const host = root.querySelector<HTMLInputElement>('input[placeholder="gitlab.example.com"]')!;
    type(host, 'gitlab.acme.internal');
    await act(async () => button('Grant access').click());
    await settle();
    expect(stored.hosts.gitlab).toEqual(['gitlab.acme.internal']);
    expect(stored.hosts.jira).toEqual([]);
    expect(root.textContent).toContain('GitLab (self-hosted)');
  });
});
