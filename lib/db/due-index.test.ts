import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './database';
import { lessonsOnWorkItem } from './read';
import { dueDatesRow, type DueDatesRow } from './due-index';
import { exportJson } from '../export/json';
import { uuidv7 } from '../id';
import { applyImport, existingVersions } from '../import/apply';
import { parseImport } from '../import/preview';
import { LessonSchema, type Action, type Lesson } from '../lesson';
import { applyPage } from '../sync/pull';

let name: string;
let db: LessonDb;
beforeEach(() => {
  name = `due-index-${Math.random()}`;
  db = openDb(name);
});
afterEach(async () => {
  await db.delete();
});

let clock = Date.parse('2026-03-01T00:00:00Z');
function lesson(actions: Partial<Action>[] = [], extra: Partial<Lesson> = {}): Lesson {
  clock += 60_000;
  const at = new Date(clock).toISOString();
  return LessonSchema.parse({
    id: uuidv7(clock),
    kind: 'mistake',
    source: { url: 'https://x/ACME-1', site: 'jira', workItem: 'jira:x:ACME-1', project: 'ACME', title: 'ACME-1', labels: [] },
    actions: actions.map((a, i) => ({ id: `a${i}`, text: `action ${i}`, done: false, ...a })),
    createdAt: at,
    updatedAt: at,
    ...extra,
  });
}

/** The stored index next to what it should be for the stored lessons. */
async function index(): Promise<{ stored: DueDatesRow[]; expected: DueDatesRow[] }> {
  const [stored, lessons] = await Promise.all([db.dueDates.toArray(), db.lessons.toArray()]);
  return { stored, expected: lessons.map(dueDatesRow).filter((row) => row !== null) };
}

describe('dueDatesRow', () => {
  it('keeps the open actions\' distinct dates, and nothing for a deleted lesson', () => {
    const l = lesson([{ due: '2026-03-05' }, { due: '2026-03-05' }, { due: '2026-03-01', done: true }, {}, { due: '2026-04-01' }]);
    expect(dueDatesRow(l)).toEqual({ id: l.id, due: ['2026-03-05', '2026-04-01'] });
    expect(dueDatesRow({ ...l, deletedAt: l.createdAt })).toBeNull();
    expect(dueDatesRow(lesson([{ due: '2026-03-05', done: true }]))).toBeNull();
  });
});

describe('the due-date index', () => {
  it('follows puts, adds, updates, modifies, deletes and clears of lessons', async () => {
    const [a, b, c, d] = [lesson([{ due: '2026-03-05' }]), lesson([{ due: '2026-03-06' }]), lesson([{ due: '2026-03-07' }]), lesson()];
    await db.lessons.bulkAdd([a, b, c, d]);
    expect((await db.dueDates.toArray()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);

    // Rows of lessons between the ones written stay: only the written lessons' rows go.
    await db.lessons.bulkPut([{ ...a, actions: [] }, { ...c, deletedAt: c.createdAt }, { ...d, actions: [{ id: 'x', text: 'x', due: '2026-03-09', done: false }] }]);
    expect((await db.dueDates.toArray()).map((r) => r.id)).toEqual([b.id, d.id]);

    await db.lessons.update(a.id, { actions: [{ id: 'x', text: 'x', due: '2026-03-10', done: false }] });
    await db.lessons.where('id').equals(b.id).modify((l) => {
      l.actions[0].done = true;
    });
    const { stored, expected } = await index();
    expect(stored).toEqual([
      { id: a.id, due: ['2026-03-10'] },
      { id: d.id, due: ['2026-03-09'] },
    ]);
    expect(stored).toEqual(expected);

    await db.lessons.delete(a.id);
    expect((await db.dueDates.toArray()).map((r) => r.id)).toEqual([d.id]);
    await db.lessons.bulkPut([a, b]);
    await db.lessons.clear();
    expect(await db.dueDates.count()).toBe(0);
  });

  it('leaves out the lessons a bulkAdd failed to add', async () => {
    const kept = lesson([{ due: '2026-03-05' }]);
    await db.lessons.add(kept);
    const clash = { ...kept, actions: [{ id: 'x', text: 'x', due: '2026-03-01', done: false }] };
    const fresh = lesson([{ due: '2026-03-06' }]);
    await expect(db.lessons.bulkAdd([clash, fresh])).rejects.toThrow();
    expect(await db.dueDates.toArray()).toEqual([
      { id: kept.id, due: ['2026-03-05'] },
      { id: fresh.id, due: ['2026-03-06'] },
    ]);
  });

  it('is rolled back with the transaction that wrote the lesson', async () => {
    const l = lesson([{ due: '2026-03-05' }]);
    await expect(
      db.transaction('rw', db.lessons, async () => {
        await db.lessons.put(l);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.dueDates.count()).toBe(0);
  });

  it('follows imports and pulled sync pages', async () => {
    const imported = lesson([{ due: '2026-03-05' }]);
    await applyImport(db, parseImport(exportJson([imported]), await existingVersions(db)));
    expect((await db.dueDates.toArray()).map((r) => r.id)).toEqual([imported.id]);

    const team = lesson([{ due: '2026-03-06' }], { visibility: 'team' });
    await applyPage(db, [{ id: team.id, version: 1, deleted: false, lesson: { ...team, visibility: 'team' } }], { endpoint: 'https://team', cursor: '1', resetting: false, version: 1 }, team.createdAt);
    expect((await db.dueDates.toArray()).map((r) => r.id)).toEqual([imported.id, team.id]);
    await applyPage(db, [{ id: team.id, version: 2, deleted: true, deletedAt: team.createdAt }], { endpoint: 'https://team', cursor: '2', resetting: false, version: 2 }, team.createdAt);
    const { stored, expected } = await index();
    expect(stored.map((r) => r.id)).toEqual([imported.id]);
    expect(stored).toEqual(expected);
  });

  it('leaves lesson rows as they were, for Dexie and for plain IndexedDB readers', async () => {
    const l = lesson([{ due: '2026-03-05' }]);
    await db.lessons.put(l);
    expect(await db.lessons.get(l.id)).toStrictEqual(l);
    expect(await lessonsOnWorkItem(l.source.workItem, name)).toStrictEqual([l]);
  });

  it('is filled for the lessons of a version-2 database when it is upgraded', async () => {
    await db.delete();
    // Versions 1 and 2 as lib/db/database.ts declared them before the index.
    const v2 = new Dexie(name);
    v2.version(1).stores({
      lessons: 'id, kind, *tags, source.workItem, source.project, source.site, updatedAt, createdAt',
      meta: 'key',
    });
    v2.version(2).stores({ outbox: 'id, changedAt', syncConflicts: '++seq, id', resetSeen: 'id' });
    const due = lesson([{ due: '2026-03-05' }, { due: '2026-02-01', done: true }]);
    const later = lesson([{ due: '2027-01-01' }]);
    const rest = [lesson([{ due: '2026-03-05' }], { deletedAt: '2026-03-02T00:00:00.000Z' }), lesson([{ due: '2026-03-05', done: true }]), lesson([{}])];
    // More than one page of the upgrade's walk, the lessons with dates on both sides of a page's end.
    const filler = Array.from({ length: 1200 }, () => lesson());
    await v2.table('lessons').bulkAdd([due, ...filler, later, ...rest]);
    expect(v2.verno).toBe(2);
    v2.close();

    db = openDb(name);
    expect(await db.dueDates.toArray()).toEqual([
      { id: due.id, due: ['2026-03-05'] },
      { id: later.id, due: ['2027-01-01'] },
    ]);
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.lessons.get(due.id)).toStrictEqual(due);
    expect(await db.lessons.count()).toBe(1205);
  });
});
