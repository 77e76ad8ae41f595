import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOf } from '../../lib/redact/lesson';
import { PushResponseSchema } from '../../lib/sync/protocol';
import { DIALECTS, api, freshDb, makeLesson, makeTeam, pullAll, startServerProcess, type Api, type ServerProcess, type TestDb } from '../../test/support/server-harness';

const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';

describe.each(DIALECTS)('a push carrying a secret on %s', (dialect) => {
  let db: TestDb;
  let server: ServerProcess;
  let alice: Api;

  beforeAll(async () => {
    db = await freshDb(dialect);
    const acme = await makeTeam(db, 'acme');
    server = await startServerProcess(db, ['--rate-burst', '100000', '--rate-per-minute', '600000', '--quiet']);
    alice = api(server.url, acme.token);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('is refused for that lesson alone, with a reason that names the kind and not the text', async () => {
    const clean = makeLesson({ note: 'The cache key ignored the lockfile.' });
    const leaky = makeLesson({ note: `CI printed .npmrc: //npm.pkg.github.com/:_authToken=${TOKEN}` });
    const reply = await alice.push({
      clientId: 'old-client',
      ops: [
        { opId: 'a', type: 'upsert', id: clean.id!, baseVersion: 0, lesson: clean },
        { opId: 'b', type: 'upsert', id: leaky.id!, baseVersion: 0, lesson: leaky },
      ],
    });
    expect(reply.status).toBe(200);
    const body = PushResponseSchema.parse(reply.body);
    expect(body.results.map((r) => [r.opId, r.status])).toEqual([['a', 'applied']]);
    expect(body.refused).toEqual([{ opId: 'b', id: leaky.id, code: 'holds_secret', reason: expect.stringContaining('a GitHub token') }]);
    expect(JSON.stringify(reply.body)).not.toContain(TOKEN);
    const pulled = await pullAll(alice);
    expect(pulled.changes.map((c: { id: string }) => c.id)).toEqual([clean.id]);
  });

  it('goes through when the lesson records the secret as kept, or carries only personal data', async () => {
    const kept = makeLesson({ note: `Rotated: ${TOKEN}`, keptSecrets: [{ kind: 'github-token', hash: hashOf('github-token', TOKEN) }] });
    const keptOther = makeLesson({ note: `Rotated: ${TOKEN}`, keptSecrets: [{ kind: 'github-token', hash: hashOf('github-token', 'ghp_another') }] });
    const personal = makeLesson({ note: 'Reported by jane.doe@acme-corp.com, +44 20 7946 0958' });
    const reply = await alice.push({
      clientId: 'new-client',
      ops: [
        { opId: 'k', type: 'upsert', id: kept.id!, baseVersion: 0, lesson: kept },
        { opId: 'o', type: 'upsert', id: keptOther.id!, baseVersion: 0, lesson: keptOther },
        { opId: 'p', type: 'upsert', id: personal.id!, baseVersion: 0, lesson: personal },
      ],
    });
    const body = PushResponseSchema.parse(reply.body);
    expect(body.results.map((r) => r.opId)).toEqual(['k', 'p']);
    expect(body.results[0].lesson?.keptSecrets ?? kept.keptSecrets).toEqual(kept.keptSecrets);
    expect(body.refused.map((r) => r.opId)).toEqual(['o']);
  });

  it('refuses a secret in any field, and answers a push of only refused ops with the team version', async () => {
    const inTitle = makeLesson({ title: `key AKIAZ2X7QK4M5N6P7R3S leaked` });
    const inAction = makeLesson({ actions: [{ id: 'x', text: 'rotate postgres://app:S3cr3t-Pa55w0rd@db/orders', done: false }] });
    const before = (await alice.get('/v1/me')).body.version;
    const reply = await alice.push({
      clientId: 'c3',
      ops: [
        { opId: 't', type: 'upsert', id: inTitle.id!, baseVersion: 0, lesson: inTitle },
        { opId: 'u', type: 'upsert', id: inAction.id!, baseVersion: 0, lesson: inAction },
      ],
    });
    const body = PushResponseSchema.parse(reply.body);
    expect(body.results).toEqual([]);
    expect(body.version).toBe(before);
    expect(body.refused.map((r) => r.reason)).toEqual([expect.stringContaining('an AWS access key'), expect.stringContaining('a password in a URL')]);
  });
});
