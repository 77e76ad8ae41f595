import { z } from 'zod';
import type { LessonDb } from '../db/database';
import { uuidv7 } from '../id';

/** Where the pull stands. Written in the same transaction as the rows it pulled. */
export const CursorStateSchema = z.object({
  /** The endpoint the cursor came from: another endpoint starts from no cursor. */
  endpoint: z.string(),
  cursor: z.string().optional(),
  /** A from-scratch pull after a reset is under way; its end removes what the server no longer has. */
  resetting: z.boolean().default(false),
  /** The highest team version pulled. */
  version: z.number().int().nonnegative().default(0),
});
export type CursorState = z.output<typeof CursorStateSchema>;

/** What the options page shows, and when the next attempt may run. */
export const SyncStatusSchema = z.object({
  lastSyncAt: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  /** Consecutive failures, for the backoff. */
  failures: z.number().int().nonnegative().default(0),
  /** Epoch ms before which automatic syncs wait (backoff, Retry-After). */
  nextAttemptAt: z.number().default(0),
  /** Ops that cannot be sent (too large, refused by the server); they stay in the outbox. */
  blocked: z.array(z.object({ id: z.string(), reason: z.string() })).default([]),
});
export type SyncStatus = z.output<typeof SyncStatusSchema>;

export const META = { cursor: 'sync.cursor', status: 'sync.status', clientId: 'sync.clientId', token: 'sync.token' } as const;

/*
 * The bearer token lives in the extension's IndexedDB, which only extension pages and the worker
 * can open: extension storage, where the settings are, is readable by every content script.
 */

export async function readToken(db: LessonDb): Promise<string> {
  const value = (await db.meta.get(META.token))?.value;
  return typeof value === 'string' ? value : '';
}

export async function writeToken(db: LessonDb, token: string): Promise<void> {
  await db.meta.put({ key: META.token, value: token });
}

/** The stored settings value, raw: older versions kept the token in it. */
export interface RawSettingsStore {
  get(): Promise<unknown>;
  set(value: Record<string, unknown>): Promise<void>;
}

/**
 * Once, on versions that kept the token in the settings: the token moves to the database (written
 * first, so a worker stopped halfway loses nothing) and the settings keep only when it was saved.
 * True when something moved.
 */
export async function moveTokenOutOfSettings(db: LessonDb, settings: RawSettingsStore, now: Date): Promise<boolean> {
  const raw = await settings.get();
  if (!raw || typeof raw !== 'object' || !('token' in raw)) return false;
  const { token, ...rest } = raw as Record<string, unknown>;
  const kept = typeof token === 'string' ? token.trim() : '';
  if (kept) await writeToken(db, kept);
  await settings.set(kept ? { ...rest, tokenSavedAt: now.toISOString() } : rest);
  return true;
}

export async function readCursor(db: LessonDb): Promise<CursorState | undefined> {
  const parsed = CursorStateSchema.safeParse((await db.meta.get(META.cursor))?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function writeCursor(db: LessonDb, state: CursorState): Promise<void> {
  await db.meta.put({ key: META.cursor, value: state });
}

export async function readStatus(db: LessonDb): Promise<SyncStatus> {
  const parsed = SyncStatusSchema.safeParse((await db.meta.get(META.status))?.value ?? {});
  return parsed.success ? parsed.data : SyncStatusSchema.parse({});
}

export async function updateStatus(db: LessonDb, change: Partial<SyncStatus>): Promise<SyncStatus> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await readStatus(db)), ...change };
    await db.meta.put({ key: META.status, value: next });
    return next;
  });
}

/** The id the server deduplicates this device's ops by; made once per database. */
export async function clientId(db: LessonDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(META.clientId);
    if (typeof row?.value === 'string') return row.value;
    const id = uuidv7();
    await db.meta.put({ key: META.clientId, value: id });
    return id;
  });
}
