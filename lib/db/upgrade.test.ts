import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './database';
import { dueDatesRow } from './due-index';
import { uuidv7 } from '../id';
import { LessonSchema, type Lesson } from '../lesson';

/**
 * The schemas as each released version declared them, frozen here: a person's browser may hold a
 * database made by any of them, and opening it with today's code must keep every lesson.
 */
const RELEASED: Record<string, string | null>[] = [
  { lessons: 'id, kind, *tags, source.workItem, source.project, source.site, updatedAt, createdAt', meta: 'key' },
  { outbox: 'id, changedAt', syncConflicts: '++seq, id', resetSeen: 'id' },
  { dueDates: 'id, *due' },
  { lessons: 'id, kind, *tags, source.workItem, source.project, updatedAt, createdAt', shareBatches: '++seq' },
  // Versions 5 and 6 only moved data.
  {},
  {},
];

let clock = Date.parse('2025-06-01T00:00:00Z');
function lesson(source: Lesson['source'], extra: Partial<Lesson> = {}): Lesson {
  clock += 3_600_000;
  const at = new Date(clock).toISOString();
  return LessonSchema.parse({
    id: uuidv7(clock),
    kind: 'mistake',
    source,
    quote: 'The deploy failed because the migration locked the table.',
    note: 'Run long migrations in batches. Check the lock first.',
    tags: ['deploy', 'postgres'],
    actions: [{ id: 'a1', text: 'Add a lock timeout', done: false, due: '2026-01-10' }],
    createdAt: at,
    updatedAt: at,
    ...extra,
  });
}

/** Lessons of every site and shape a person's database holds, as an older version stored them. */
function storedLessons(): Lesson[] {
  const jira = { url: 'https://acme.atlassian.net/browse/OPS-12', site: 'jira', workItem: 'jira:OPS-12', project: 'OPS', title: 'OPS-12 Deploy failed', labels: ['incident'] } satisfies Lesson['source'];
  const github = { url: 'https://github.com/acme/api/issues/7', site: 'github', workItem: 'github:acme/api#7', project: 'acme/api', title: 'Flaky test', labels: [] } satisfies Lesson['source'];
  const web = { url: 'https://blog.example.org/post', site: 'web', workItem: 'web:blog.example.org/post', project: 'blog.example.org', title: 'A post', labels: [] } satisfies Lesson['source'];
  return [
    lesson(jira),
    lesson(jira, { title: 'The deploy failed because the migration locked…', visibility: 'team' }),
    lesson(github, { kind: 'question', actions: [] }),
    lesson(web, { deletedAt: new Date(clock).toISOString() }),
    ...Array.from({ length: 300 }, (_, i) => lesson(i % 2 ? github : jira, { note: `Lesson ${i}.` })),
  ];
}

const dbs: string[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((name) => Dexie.delete(name)));
});

describe('opening a database made by an earlier version', () => {
  for (let released = 1; released <= RELEASED.length; released++) {
    it(`keeps everything a version-${released} database holds, and takes new writes`, async () => {
      const name = `upgrade-from-${released}-${Math.random()}`;
      dbs.push(name);
      const old = new Dexie(name);
      RELEASED.slice(0, released).forEach((stores, i) => old.version(i + 1).stores(stores));
      const lessons = storedLessons();
      await old.table('lessons').bulkAdd(lessons);
      await old.table('meta').bulkAdd([{ key: 'sync.cursor', value: 42 }, { key: 'clientId', value: 'c-1' }]);
      if (released >= 2) {
        await old.table('outbox').add({ id: lessons[1]!.id, type: 'upsert', fields: ['note'], baseVersion: 3, opId: 'op-1', changedAt: clock, sent: false });
      }
      // From version 3 on, the released code kept the due-date index beside every write.
      if (released >= 3) await old.table('dueDates').bulkAdd(lessons.map(dueDatesRow).filter((r) => r !== null));
      old.close();

      const db: LessonDb = openDb(name);
      const now = await db.lessons.toArray();
      expect(now.map((l) => l.id).sort()).toEqual(lessons.map((l) => l.id).sort());
      const before = new Map(lessons.map((l) => [l.id, l]));
      for (const l of now) {
        expect(() => LessonSchema.parse(l)).not.toThrow();
        const was = before.get(l.id)!;
        // Upgrades may rewrite derived fields (titles, work items); the person's words stay.
        expect([l.note, l.quote, l.kind, l.tags, l.actions, l.createdAt, l.deletedAt, l.visibility]).toEqual([was.note, was.quote, was.kind, was.tags, was.actions, was.createdAt, was.deletedAt, was.visibility]);
        expect(l.source.url).toBe(was.source.url);
      }
      expect(await db.meta.get('sync.cursor')).toEqual({ key: 'sync.cursor', value: 42 });
      // The pending change stays queued (an upgrade that changes a shared lesson adds to it).
      if (released >= 2) {
        const outbox = await db.outbox.toArray();
        expect(outbox.map((r) => r.id)).toEqual([lessons[1]!.id]);
        expect(outbox[0]!.fields).toContain('note');
      }
      expect((await db.dueDates.toArray()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        now.map(dueDatesRow).filter((r) => r !== null).sort((a, b) => a!.id.localeCompare(b!.id)),
      );

      // Version 7: no related index is stored yet (the worker builds one), and writes are logged from now on.
      expect(await db.lessonIndexes.count()).toBe(0);
      const logged = await db.lessonLog.count();
      const added = lesson(lessons[0]!.source);
      await db.lessons.add(added);
      expect(await db.lessons.get(added.id)).toStrictEqual(added);
      expect((await db.lessonLog.orderBy('seq').toArray()).slice(logged).map((r) => r.ids)).toEqual([[added.id]]);
      expect(await db.lessons.where('source.workItem').equals(now[0]!.source.workItem).count()).toBeGreaterThan(0);
      db.close();
    });
  }
});
