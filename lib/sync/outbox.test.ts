import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db/database';
import type { Lesson, LessonPatch } from '../lesson';
import { importLessons } from '../import/apply';
import { createLesson, deleteLessons, markHelped, restoreLessons, updateLesson } from '../db/store';
import { expandShares, pendingCount, SHARE_BATCH_MIN } from './outbox';
import { MERGE_FIELDS } from './protocol';

const source = { url: 'https://acme.atlassian.net/browse/OPS-1', site: 'jira', workItem: 'jira:acme.atlassian.net:OPS-1', title: 'OPS-1' } as const;

let db: LessonDb;
let clock = Date.parse('2026-11-20T10:00:00Z');
const ctx = { now: () => new Date((clock += 1000)) };

beforeEach(() => {
  db = openDb(`outbox-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/**
 * zod 4 fills schema defaults into absent patch keys (LessonPatchSchema is a `.partial()`), so
 * callers send every defaulted field; so do these tests.
 */
async function edit(id: string, change: LessonPatch) {
  const { title, quote, note, answers, actions, tags, visibility } = (await db.lessons.get(id))!;
  return updateLesson(db, id, { title, quote, note, answers, actions, tags, visibility, ...change }, ctx);
}

/** A team lesson as a pull leaves it: known to the server at `version`, nothing pending. */
async function synced(version = 3): Promise<Lesson> {
  const lesson = await createLesson(db, { kind: 'mistake', quote: 'deployed on Friday', source, visibility: 'team' }, ctx);
  await db.outbox.clear();
  const row = { ...lesson, serverVersion: version };
  await db.lessons.put(row);
  return row;
}

/** Lessons as an import brings them: shared with the team unless `over` says otherwise. */
const imported = (n: number, over: Partial<Lesson> = {}): Lesson[] => {
  const at = new Date(clock).toISOString();
  return Array.from({ length: n }, (_, i) => ({
    id: `01900000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
    kind: 'mistake',
    title: `lesson ${i}`,
    quote: 'q',
    note: '',
    answers: [],
    actions: [],
    tags: [],
    source: { ...source, labels: [] },
    createdAt: at,
    updatedAt: at,
    helped: 0,
    visibility: 'team',
    ...over,
  }));
};

describe('outbox', () => {
  it('never queues a private lesson', async () => {
    const l = await createLesson(db, { kind: 'mistake', quote: 'mine', source }, ctx);
    await edit(l.id, { note: 'still mine' });
    await deleteLessons(db, [l.id], ctx);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues a new team lesson with every field, in the same transaction as the write', async () => {
    const l = await createLesson(db, { kind: 'mistake', quote: 'shared', source, visibility: 'team' }, ctx);
    const row = await db.outbox.get(l.id);
    expect(row).toMatchObject({ type: 'upsert', baseVersion: 0, sent: false });
    expect(row!.fields).toEqual([...MERGE_FIELDS]);
  });

  it('forgets a team lesson deleted before it was ever pushed', async () => {
    const l = await createLesson(db, { kind: 'mistake', quote: 'oops', source, visibility: 'team' }, ctx);
    await deleteLessons(db, [l.id], ctx);
    expect(await db.outbox.count()).toBe(0);
  });

  it('coalesces edits into one row: the union of changed fields, a fresh opId each time', async () => {
    const l = await synced(3);
    await edit(l.id, { note: 'why' });
    const first = await db.outbox.get(l.id);
    // The title was made from the quote: it follows the new note, and the team hears of both.
    expect(first).toMatchObject({ type: 'upsert', fields: ['title', 'note'], baseVersion: 3 });
    await edit(l.id, { tags: ['deploy'] });
    await markHelped(db, l.id, ctx);
    const second = await db.outbox.get(l.id);
    expect(second).toMatchObject({ type: 'upsert', fields: ['title', 'note', 'tags', 'helped'], baseVersion: 3 });
    expect(second!.opId).not.toBe(first!.opId);
    expect(await db.outbox.count()).toBe(1);
  });

  it('ignores a patch that changes nothing', async () => {
    const l = await synced();
    await edit(l.id, { quote: l.quote });
    expect(await db.outbox.count()).toBe(0);
  });

  it('sends a delete when a shared lesson is deleted, and nothing when the delete is undone before the push', async () => {
    const l = await synced();
    await deleteLessons(db, [l.id], ctx);
    expect(await db.outbox.get(l.id)).toMatchObject({ type: 'delete', baseVersion: 3 });
    await restoreLessons(db, [l.id], ctx);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the pending edit when a delete is undone before the push', async () => {
    const l = await synced();
    await edit(l.id, { note: 'edited' });
    await deleteLessons(db, [l.id], ctx);
    await restoreLessons(db, [l.id], ctx);
    expect(await db.outbox.get(l.id)).toMatchObject({ type: 'upsert', fields: ['title', 'note'] });
  });

  it('resends every field when a delete that may have reached the server is undone', async () => {
    const l = await synced();
    await deleteLessons(db, [l.id], ctx);
    await db.outbox.update(l.id, { sent: true });
    await restoreLessons(db, [l.id], ctx);
    expect((await db.outbox.get(l.id))!.fields).toEqual([...MERGE_FIELDS]);
  });

  it('sends a delete when a shared lesson is made private, and every field when it is shared again', async () => {
    const l = await synced();
    await edit(l.id, { visibility: 'private' });
    expect(await db.outbox.get(l.id)).toMatchObject({ type: 'delete' });
    await edit(l.id, { note: 'written while private' });
    await edit(l.id, { visibility: 'team' });
    expect(await db.outbox.get(l.id)).toMatchObject({ type: 'upsert', fields: [...MERGE_FIELDS] });
  });

  it('queues imported team lessons and leaves imported private ones alone', async () => {
    const [team, mine] = imported(2);
    await importLessons(db, [team, { ...mine, visibility: 'private' }]);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([team.id]);
  });
});

describe('share batches', () => {
  it('records a bulk share as one batch row, then turns it into the rows a lesson-by-lesson write makes', async () => {
    const lessons = imported(SHARE_BATCH_MIN + 10);
    await importLessons(db, lessons);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shareBatches.count()).toBe(1);
    expect(await pendingCount(db)).toBe(lessons.length);

    expect(await expandShares(db)).toBe(lessons.length);
    expect(await db.shareBatches.count()).toBe(0);
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.id).sort()).toEqual(lessons.map((l) => l.id).sort());
    for (const row of rows) expect(row).toMatchObject({ type: 'upsert', fields: [...MERGE_FIELDS], baseVersion: 0, sent: false });
    expect(new Set(rows.map((r) => r.opId)).size).toBe(rows.length);
    expect(await pendingCount(db)).toBe(lessons.length);
  });

  it('keeps a few shared lessons as rows of their own', async () => {
    await importLessons(db, imported(SHARE_BATCH_MIN - 1));
    expect(await db.shareBatches.count()).toBe(0);
    expect(await db.outbox.count()).toBe(SHARE_BATCH_MIN - 1);
  });

  it('expands to what the lessons are now: edited ones send every field, deleted or private ones nothing', async () => {
    const lessons = imported(SHARE_BATCH_MIN + 5);
    await importLessons(db, lessons);
    const [edited, deleted, madePrivate] = lessons;
    await edit(edited.id, { note: 'edited after the import' });
    await deleteLessons(db, [deleted.id], ctx);
    await edit(madePrivate.id, { visibility: 'private' });
    expect(await db.outbox.count()).toBe(1);

    await expandShares(db);
    const rows = new Map((await db.outbox.toArray()).map((r) => [r.id, r]));
    expect(rows.size).toBe(lessons.length - 2);
    expect(rows.get(edited.id)).toMatchObject({ type: 'upsert', fields: [...MERGE_FIELDS], baseVersion: 0 });
    expect(rows.has(deleted.id)).toBe(false);
    expect(rows.has(madePrivate.id)).toBe(false);
  });

  it('leaves a pending delete of a lesson the server knows as it is', async () => {
    const lessons = imported(SHARE_BATCH_MIN, { serverVersion: 7 });
    await importLessons(db, lessons);
    await deleteLessons(db, [lessons[0].id], ctx);
    await expandShares(db);
    expect(await db.outbox.get(lessons[0].id)).toMatchObject({ type: 'delete', baseVersion: 7 });
    expect(await db.outbox.get(lessons[1].id)).toMatchObject({ type: 'upsert', baseVersion: 7 });
  });

  it('a bulk change of visibility to the team is one batch as well', async () => {
    const lessons = imported(SHARE_BATCH_MIN, { visibility: 'private' });
    await importLessons(db, lessons);
    expect(await pendingCount(db)).toBe(0);
    const { updateLessons } = await import('../db/store');
    const { title, quote, note, answers, actions, tags } = lessons[0];
    await updateLessons(db, lessons.map((l) => l.id), { title, quote, note, answers, actions, tags, visibility: 'team' }, ctx);
    expect(await db.outbox.count()).toBe(0);
    expect(await pendingCount(db)).toBe(lessons.length);
  });

  it('expands a batch larger than one step', async () => {
    const lessons = imported(2_050);
    await importLessons(db, lessons);
    expect(await expandShares(db)).toBe(2_050);
    expect(await db.outbox.count()).toBe(2_050);
    expect(await db.shareBatches.count()).toBe(0);
  });
});
