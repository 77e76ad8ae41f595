import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db';
import { hashToken, newId, newToken } from './tokens';

export interface Team {
  id: string;
  name: string;
  version: number;
}

export interface TokenInfo {
  id: string;
  teamId: string;
  teamName: string;
  name: string;
  member: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface Principal {
  teamId: string;
  teamName: string;
  tokenId: string;
  tokenName: string;
  /** The teammate the token belongs to; the server writes it as the author of lessons it creates. */
  member: string;
  expiresAt: string | null;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; code: 'invalid_token' | 'token_revoked' | 'token_expired' };

const TEAM_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/i;
/** Shown to teammates as an author: printable, no control characters, up to 200 like a lesson's author. */
const MEMBER_NAME = /^[^\p{C}]{1,200}$/u;

export async function createTeam(db: Kysely<Database>, name: string): Promise<Team> {
  if (!TEAM_NAME.test(name)) throw new Error(`invalid team name "${name}": letters, digits, . _ - (up to 63)`);
  if (await findTeam(db, name)) throw new Error(`team "${name}" already exists`);
  const team = { id: newId('team_'), name, version: 0, epoch: randomBytes(6).toString('base64url'), horizon: 0, created_at: new Date().toISOString(), lesson_count: 0, lesson_bytes: 0 };
  await db.insertInto('teams').values(team).execute();
  return { id: team.id, name, version: 0 };
}

export async function findTeam(db: Kysely<Database>, name: string): Promise<Team | undefined> {
  return db.selectFrom('teams').select(['id', 'name', 'version']).where('name', '=', name).executeTakeFirst();
}

export async function listTeams(db: Kysely<Database>): Promise<Team[]> {
  return db.selectFrom('teams').select(['id', 'name', 'version']).orderBy('name').execute();
}

/** Creates a token; the returned secret is the only time it exists in clear. */
export async function createToken(
  db: Kysely<Database>,
  opts: { team: string; member: string; name?: string; expiresAt?: Date },
): Promise<{ token: string; info: TokenInfo }> {
  const member = opts.member.trim();
  if (!MEMBER_NAME.test(member)) throw new Error(`invalid member name "${opts.member}": 1 to 200 printable characters`);
  const team = await findTeam(db, opts.team);
  if (!team) throw new Error(`no team "${opts.team}"`);
  const token = newToken();
  const row = {
    id: newId('tok_'),
    team_id: team.id,
    name: opts.name ?? '',
    member,
    hash: hashToken(token),
    created_at: new Date().toISOString(),
    expires_at: opts.expiresAt ? opts.expiresAt.toISOString() : null,
    revoked_at: null,
  };
  await db.insertInto('tokens').values(row).execute();
  return {
    token,
    info: { id: row.id, teamId: team.id, teamName: team.name, name: row.name, member, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: null },
  };
}

export async function revokeToken(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listTokens(db: Kysely<Database>, teamName?: string): Promise<TokenInfo[]> {
  let query = db
    .selectFrom('tokens')
    .innerJoin('teams', 'teams.id', 'tokens.team_id')
    .select([
      'tokens.id as id',
      'tokens.team_id as teamId',
      'teams.name as teamName',
      'tokens.name as name',
      'tokens.member as member',
      'tokens.created_at as createdAt',
      'tokens.expires_at as expiresAt',
      'tokens.revoked_at as revokedAt',
    ])
    .orderBy('teams.name')
    .orderBy('tokens.created_at');
  if (teamName) query = query.where('teams.name', '=', teamName);
  return query.execute();
}

export async function authenticate(db: Kysely<Database>, token: string, now = new Date()): Promise<AuthResult> {
  const row = await db
    .selectFrom('tokens')
    .innerJoin('teams', 'teams.id', 'tokens.team_id')
    .select(['tokens.id as id', 'tokens.name as name', 'tokens.member as member', 'tokens.expires_at as expiresAt', 'tokens.revoked_at as revokedAt', 'teams.id as teamId', 'teams.name as teamName'])
    .where('tokens.hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { ok: false, code: 'invalid_token' };
  if (row.revokedAt) return { ok: false, code: 'token_revoked' };
  if (row.expiresAt && Date.parse(row.expiresAt) <= now.getTime()) return { ok: false, code: 'token_expired' };
  return { ok: true, principal: { teamId: row.teamId, teamName: row.teamName, tokenId: row.id, tokenName: row.name, member: row.member, expiresAt: row.expiresAt } };
}

/** Of these token ids, the ones neither revoked nor expired. */
export async function activeTokenIds(db: Kysely<Database>, ids: string[], now = new Date()): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('tokens')
    .select(['id', 'expires_at'])
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.filter((r) => !r.expires_at || Date.parse(r.expires_at) > now.getTime()).map((r) => r.id));
}
