import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, freshDb, makeTeam, pullAll, startServerProcess, type ServerProcess, type TestDb } from '../../test/support/server-harness';
import { keep, lessonFindings, redactAll } from '../redact/lesson';
import { SyncEngine } from './engine';
import { readStatus } from './state';
import { TestClient } from './testing';

/** What the outbox and the server do with a team lesson holding a secret, against a real server. */

const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
let db: TestDb;
let server: ServerProcess;
let token: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  db = await freshDb('sqlite');
  token = (await makeTeam(db, 'platform', undefined, 'Ana')).token;
  server = await startServerProcess(db, ['--rate-burst', '10000', '--rate-per-minute', '1000000', '--quiet']);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(): TestClient {
  const c = new TestClient(`secrets-${Math.random()}`, { endpoint: server.url, token }, 'Ana');
  clients.push(c);
  return c;
}

async function onServer(): Promise<string[]> {
  const { changes } = await pullAll(api(server.url, token));
  return changes.filter((c: { deleted: boolean }) => !c.deleted).map((c: { id: string }) => c.id);
}

describe('a team lesson holding a secret', () => {
  it('waits on the device with the reason until its secret is redacted, while the others are pushed', async () => {
    const c = client();
    const clean = await c.create({ note: 'deploys wait for the canary' });
    const leaky = await c.create({ note: `the CI log printed ${TOKEN}` });
    const report = await c.engine.sync({ force: true });
    expect(report).toMatchObject({ state: 'ok', pushed: 1 });
    expect(await onServer()).toEqual([clean.id]);
    const status = await readStatus(c.db);
    expect(status.blocked).toEqual([{ id: leaky.id, reason: expect.stringContaining('a GitHub token') }]);
    expect(JSON.stringify(status)).not.toContain(TOKEN);

    const redacted = redactAll(leaky);
    expect(redacted.note).toBe('the CI log printed [redacted: GitHub token]');
    await c.edit(leaky.id, { note: redacted.note });
    expect(await c.engine.sync({ force: true })).toMatchObject({ state: 'ok', pushed: 1 });
    expect((await onServer()).sort()).toEqual([clean.id, leaky.id].sort());
    expect((await readStatus(c.db)).blocked).toEqual([]);
  });

  it('is pushed as it is once the author keeps the secret on purpose', async () => {
    const c = client();
    const leaky = await c.create({ note: `rotated, safe to show: ${TOKEN}` });
    const kept = lessonFindings(leaky).reduce((l, f) => keep(l, f), leaky);
    await c.edit(leaky.id, { keptSecrets: kept.keptSecrets });
    expect(await c.engine.sync({ force: true })).toMatchObject({ state: 'ok', pushed: 1 });
    const { changes } = await pullAll(api(server.url, token));
    const stored = changes.find((x: { id: string }) => x.id === leaky.id).lesson;
    expect(stored.note).toContain(TOKEN);
    expect(stored.keptSecrets).toEqual(kept.keptSecrets);
  });

  it('with personal data: pushed by default, held when the person made personal data a stop', async () => {
    const stops = client();
    const lesson = await stops.create({ note: 'customer jane.doe@acme-corp.com hit it first' });
    const strict = new SyncEngine({ db: stops.db, fetch: stops.wire.fetch, target: async () => ({ endpoint: server.url, token }), shareRules: async () => ({ personalStops: true }) });
    expect(await strict.sync({ force: true })).toMatchObject({ state: 'ok', pushed: 0 });
    expect((await readStatus(stops.db)).blocked).toEqual([{ id: lesson.id, reason: expect.stringContaining('an email address') }]);
    expect(await stops.engine.sync({ force: true })).toMatchObject({ state: 'ok', pushed: 1 });
    expect(await onServer()).toContain(lesson.id);
  });

  it('refused by the server (its kept mark lost on the way): shows the server reason and keeps the change', async () => {
    const c = client();
    const leaky = await c.create({ note: `rotated: ${TOKEN}` });
    await c.edit(leaky.id, { keptSecrets: lessonFindings(leaky).reduce((l, f) => keep(l, f), leaky).keptSecrets });
    // A wire that drops `keptSecrets`, as a client that predates it would send the lesson.
    const dropping = new SyncEngine({
      db: c.db,
      target: async () => ({ endpoint: server.url, token }),
      fetch: (url, init) => {
        if (!String(url).endsWith('/v1/push') || typeof init?.body !== 'string') return fetch(url, init);
        const body = JSON.parse(init.body);
        for (const op of body.ops) if (op.lesson) delete op.lesson.keptSecrets;
        return fetch(url, { ...init, body: JSON.stringify(body) });
      },
    });
    expect(await dropping.sync({ force: true })).toMatchObject({ state: 'ok', pushed: 0 });
    expect((await readStatus(c.db)).blocked).toEqual([{ id: leaky.id, reason: expect.stringMatching(/^Not shared: it holds a GitHub token/) }]);
    expect(await c.db.outbox.get(leaky.id)).toBeDefined();
    expect(await onServer()).not.toContain(leaky.id);
  });
});
