import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import type { Lesson } from '../lesson';
import { exportJson } from '../export/json';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { applyImport, existingVersions } from './apply';
import { parseImport, type ImportPreview } from './preview';

let db: LessonDb;

beforeEach(() => {
  db = openDb(`apply-${Math.random()}`);
});
afterEach(() => db.close());

const ids = async () => (await db.lessons.toCollection().primaryKeys()).sort();

describe('applyImport', () => {
  it('writes new and newer lessons and leaves the rest alone', async () => {
    const [a, b, c] = sampleLessons();
    const olderB = { ...b, note: 'old', updatedAt: '2025-01-01T00:00:00.000Z' };
    const newerC = { ...c, note: 'mine is newer', updatedAt: '2026-01-01T00:00:00.000Z' };
    await db.lessons.bulkPut([olderB, newerC]);

    const preview = parseImport(exportJson([a, b, c]), await existingVersions(db));
    expect(await applyImport(db, preview)).toEqual({ created: 1, updated: 1, skipped: 0 });
    expect(await db.lessons.get(a.id)).toStrictEqual(a);
    expect(await db.lessons.get(b.id)).toStrictEqual(b);
    expect((await db.lessons.get(c.id))?.note).toBe('mine is newer');
  });

  it('does not overwrite a lesson edited after the preview was made', async () => {
    const [a] = sampleLessons();
    const stored = await existingVersions(db);
    const preview = parseImport(exportJson([a]), stored);
    const editedMeanwhile = { ...a, note: 'edited meanwhile', updatedAt: '2026-01-01T00:00:00.000Z' };
    await db.lessons.put(editedMeanwhile);
    expect(await applyImport(db, preview, stored)).toEqual({ created: 0, updated: 0, skipped: 1 });
    expect((await db.lessons.get(a.id))?.note).toBe('edited meanwhile');
  });

  it('writes nothing at all when one row fails midway', async () => {
    const [a, b, c, d] = sampleLessons();
    await db.lessons.put(d);
    const preview = parseImport(exportJson([a, b, c]), await existingVersions(db));
    expect(preview.toCreate).toHaveLength(3);
    // A row IndexedDB refuses (a function cannot be stored) between two good ones.
    const broken = { ...preview.toCreate[1], note: () => 'not storable' } as unknown as Lesson;
    const sabotaged: ImportPreview = { ...preview, toCreate: [preview.toCreate[0], broken, preview.toCreate[2]] };
    await expect(applyImport(db, sabotaged)).rejects.toThrow();
    expect(await ids()).toEqual([d.id]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('rolls back rows already put when the transaction aborts', async () => {
    const lessons = sampleLessons();
    const preview = parseImport(exportJson(lessons));
    const last = preview.toCreate[preview.toCreate.length - 1].id;
    // A hook runs inside the import's transaction; throwing on the last row aborts it after the others were put.
    db.lessons.hook('creating', (primKey) => {
      if (primKey === last) throw new Error('quota exceeded');
    });
    await expect(applyImport(db, preview)).rejects.toThrow('quota exceeded');
    expect(await db.lessons.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('writes nothing for a file that could not be read', async () => {
    for (const text of ['', 'not json', '{"format":"lessonmark","version":9,"lessons":[]}', 'x'.repeat(50 * 1024 * 1024 + 1)]) {
      expect(await applyImport(db, parseImport(text))).toEqual({ created: 0, updated: 0, skipped: 0 });
    }
    expect(await db.lessons.count()).toBe(0);
  });

  it('writes only the good records of a file with a bad one', async () => {
    const lessons = JSON.parse(exportJson(sampleLessons()));
    lessons.lessons[0].kind = 'nonsense';
    const preview = parseImport(JSON.stringify(lessons));
    expect(await applyImport(db, preview)).toEqual({ created: 6, updated: 0, skipped: 0 });
    expect(await ids()).not.toContain(lessons.lessons[0].id);
  });
});

describe('existingVersions', () => {
  it('maps every stored id to its updatedAt', async () => {
    const lessons = sampleLessons();
    await db.lessons.bulkPut(lessons);
    expect(await existingVersions(db)).toEqual(new Map(lessons.map((l) => [l.id, l.updatedAt])));
  });
});

describe('applyImport and team sync', () => {
  it('queues team lessons for the team endpoint in the same transaction, never private ones', async () => {
    const lessons = sampleLessons();
    await applyImport(db, parseImport(exportJson(lessons)));
    const queued = (await db.outbox.toCollection().primaryKeys()).sort();
    const team = lessons.filter((l) => l.visibility === 'team' && !l.deletedAt).map((l) => l.id).sort();
    expect(queued).toEqual(team);
  });
});
