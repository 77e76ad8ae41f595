import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './database';
import { lessonsOnWorkItem, newestLessons } from './read';
import { makeLesson } from '../../test/support/library-lessons';
import { createHandlers, dispatch } from '../service';

const source = { url: 'https://acme.atlassian.net/browse/PAY-7', site: 'jira', workItem: 'jira:acme.atlassian.net/PAY-7', title: 'Refunds fail', project: 'PAY', labels: [] } as const;

let db: LessonDb | undefined;
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = undefined;
});

describe('lessonsOnWorkItem', () => {
  it('reads the lessons Dexie stored on one work item, and no others', async () => {
    const name = `read-${Math.random()}`;
    db = openDb(name);
    const handlers = createHandlers(db);
    const mine = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'Refund retries doubled the charge.', source });
    await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'Elsewhere.', source: { ...source, workItem: 'jira:acme.atlassian.net/PAY-8' } });

    expect(await lessonsOnWorkItem(source.workItem, name)).toEqual([mine]);
    expect(await lessonsOnWorkItem('jira:acme.atlassian.net/NONE-1', name)).toEqual([]);
  });

  it('reads a database that does not exist yet as empty, and does not create it', async () => {
    const name = `missing-${Math.random()}`;
    expect(await lessonsOnWorkItem(source.workItem, name)).toEqual([]);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);

    // Dexie still creates it at its own version afterwards.
    db = openDb(name);
    await dispatch(createHandlers(db), 'saveLesson', { kind: 'mistake', quote: 'Now it exists.', source });
    expect(await lessonsOnWorkItem(source.workItem, name)).toHaveLength(1);
  });

  it('does not hold the database open against an upgrade', async () => {
    const name = `held-${Math.random()}`;
    db = openDb(name);
    await db.open();
    const version = db.verno;
    db.close();
    await lessonsOnWorkItem(source.workItem, name);
    const upgraded = await new Promise<string>((resolve) => {
      const open = indexedDB.open(name, version * 10 + 1);
      open.onblocked = () => resolve('blocked');
      open.onsuccess = () => {
        open.result.close();
        resolve('upgraded');
      };
    });
    expect(upgraded).toBe('upgraded');
  });
});

describe('newestLessons', () => {
  it('reads the newest live lessons from the createdAt index, past tombstones', async () => {
    const name = `newest-${Math.random()}`;
    db = openDb(name);
    const at = (k: number) => new Date(Date.UTC(2025, 0, 1) + k * 3600_000).toISOString();
    await db.lessons.bulkPut(
      Array.from({ length: 50 }, (_, k) => makeLesson({ createdAt: at(k), updatedAt: at(k), deletedAt: k % 10 === 9 ? at(k + 1) : undefined })),
    );
    // The newest (k = 49) is a tombstone.
    expect((await newestLessons(5, name)).map((l) => l.createdAt)).toEqual([48, 47, 46, 45, 44].map(at));
    expect(await newestLessons(100, name)).toHaveLength(45);
    expect(await newestLessons(5, `none-${Math.random()}`)).toEqual([]);
  });
});
