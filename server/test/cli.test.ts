import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalTeam } from '../start';
import { listTokens } from '../teams';
import { ROOT, freshDb, type TestDb } from '../../test/support/server-harness';

const run = promisify(execFile);

describe('CLI: teams and tokens (SQLite)', () => {
  let db: TestDb;
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...db.env } });

  beforeAll(async () => {
    db = await freshDb('sqlite');
  });
  afterAll(async () => db?.drop());

  it('creates a team and a token shown once and stored hashed, lists it, revokes it', async () => {
    expect((await cli('team', 'create', 'acme')).stdout).toMatch(/created team acme/);
    const created = await cli('token', 'create', '--team', 'acme', '--member', 'Ana Lima', '--name', 'laptop', '--expires', '30d');
    const token = created.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^lm_[A-Za-z0-9_-]{43}$/);
    const id = /token (tok_\S+)/.exec(created.stdout)![1];
    expect(readFileSync(db.config.sqlitePath!).includes(token)).toBe(false);

    const listed = (await cli('token', 'list', '--team', 'acme')).stdout;
    expect(listed).toContain(id);
    expect(listed).toContain('laptop');
    expect(listed).toContain('Ana Lima');
    await expect(cli('token', 'create', '--team', 'acme')).rejects.toThrow(/--member/);
    expect(listed).toMatch(/expires 20\d\d-/);
    expect(listed).not.toContain(token);

    expect((await cli('token', 'revoke', id)).stdout).toContain(`revoked ${id}`);
    expect((await cli('token', 'list')).stdout).toMatch(new RegExp(`${id}.*revoked`));
  }, 90_000);

  it('ensureLocalTeam makes the local team and token on the first run only, in a 0600 file', async () => {
    const tokenFile = join(db.config.sqlitePath!, '..', 'local-token.txt');
    const first = await ensureLocalTeam({ sqlitePath: db.config.sqlitePath, tokenFile });
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^lm_/);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(first.token);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const second = await ensureLocalTeam({ sqlitePath: db.config.sqlitePath, tokenFile });
    expect(second).toEqual({ created: false, tokenFile });
    const handle = db.open();
    try {
      expect((await listTokens(handle.db, 'local')).map((t) => t.name)).toEqual(['local']);
    } finally {
      await handle.db.destroy();
    }
  }, 30_000);
});
