import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import { moveTokenOutOfSettings, readToken, type RawSettingsStore } from './state';

let db: LessonDb;
beforeEach(() => {
  db = openDb(`state-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function store(initial: unknown): RawSettingsStore & { value: unknown } {
  const s = {
    value: initial,
    get: async () => s.value,
    set: async (v: Record<string, unknown>) => void (s.value = v),
  };
  return s;
}

const NOW = new Date('2026-12-03T05:00:00.000Z');

describe('moveTokenOutOfSettings', () => {
  it('moves a token kept in the settings into the database, once', async () => {
    const settings = store({ endpoint: 'https://lessons.example.com', token: ' lm_secret ', displayName: 'Ana', hosts: { jira: ['x'] } });
    expect(await moveTokenOutOfSettings(db, settings, NOW)).toBe(true);
    expect(await readToken(db)).toBe('lm_secret');
    expect(settings.value).toEqual({ endpoint: 'https://lessons.example.com', displayName: 'Ana', hosts: { jira: ['x'] }, tokenSavedAt: NOW.toISOString() });
    expect(JSON.stringify(settings.value)).not.toContain('lm_secret');
    expect(await moveTokenOutOfSettings(db, settings, new Date())).toBe(false);
    expect(await readToken(db)).toBe('lm_secret');
  });

  it('drops an empty token without saying one is saved', async () => {
    const settings = store({ endpoint: '', token: '' });
    expect(await moveTokenOutOfSettings(db, settings, NOW)).toBe(true);
    expect(settings.value).toEqual({ endpoint: '' });
    expect(await readToken(db)).toBe('');
  });

  it('leaves settings without a token, or none at all, alone', async () => {
    for (const value of [undefined, null, 'junk', { endpoint: 'https://x.example', tokenSavedAt: NOW.toISOString() }]) {
      const settings = store(value);
      expect(await moveTokenOutOfSettings(db, settings, NOW)).toBe(false);
      expect(settings.value).toBe(value);
    }
  });
});
