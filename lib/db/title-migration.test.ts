import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb, type OutboxRow } from './database';
import { uuidv7 } from '../id';
import { LessonSchema, type Lesson, type LessonInput } from '../lesson';
import { createLesson, updateLesson } from './store';

let name: string;
let db: LessonDb | undefined;
beforeEach(() => {
  name = `titles-${Math.random()}`;
});
afterEach(async () => {
  if (db) await db.delete();
  else await Dexie.delete(name);
  db = undefined;
});

let clock = Date.parse('2026-03-01T00:00:00Z');
function lesson(over: Partial<LessonInput>): Lesson {
  clock += 60_000;
  const at = new Date(clock).toISOString();
  return LessonSchema.parse({
    id: uuidv7(clock),
    kind: 'mistake',
    source: { url: 'https://x/ACME-1', site: 'jira', workItem: 'jira:x:ACME-1', title: 'ACME-1', labels: [] },
    createdAt: at,
    updatedAt: at,
    ...over,
  });
}

/** The database as version 4 of lib/db/database.ts declared it, before titles were made again. */
function version4(): Dexie {
  const v4 = new Dexie(name);
  v4.version(1).stores({ lessons: 'id, kind, *tags, source.workItem, source.project, source.site, updatedAt, createdAt', meta: 'key' });
  v4.version(2).stores({ outbox: 'id, changedAt', syncConflicts: '++seq, id', resetSeen: 'id' });
  v4.version(3).stores({ dueDates: 'id, *due' });
  v4.version(4).stores({ lessons: 'id, kind, *tags, source.workItem, source.project, updatedAt, createdAt', shareBatches: '++seq' });
  return v4;
}

const QUOTE = 'The retry policy was written for single dropped deliveries and nobody revisited it when traffic grew tenfold.';

describe('version 6: titles without a stored ellipsis, made from the lesson', () => {
  it('makes cut titles again, keeps written ones without "…", and tells the team of shared changes', async () => {
    const cutQuote = lesson({ quote: QUOTE, title: 'The retry policy was written for single dropped deliveries and nobody revisited it…' });
    const withNote = lesson({ quote: QUOTE, note: 'Revisit retry policies when load grows. Yearly.', title: 'The retry policy was written for single…', visibility: 'team', serverVersion: 7 });
    const written = lesson({ quote: QUOTE, title: 'Our webhook outage of March…', visibility: 'team', serverVersion: 2 });
    const pendingEdit = lesson({ quote: QUOTE, answers: [{ question: 'Why did this happen?', answer: 'No backoff' }], title: 'The retry…', visibility: 'team', serverVersion: 4 });
    const neverPushed = lesson({ quote: 'Short quote.', note: 'A note', title: 'Short quote.', visibility: 'team' });
    const untouched = lesson({ quote: QUOTE, title: 'Written, no ellipsis' });
    // Many lessons, so the upgrade's walk takes several pages.
    const filler = Array.from({ length: 1100 }, (_, i) => lesson({ quote: `Filler ${i}.`, title: `Filler ${i}.` }));
    const pendingRow: OutboxRow = { id: pendingEdit.id, type: 'upsert', fields: ['note'], baseVersion: 4, opId: 'op-1', changedAt: 1, sent: true };

    const v4 = version4();
    await v4.table('lessons').bulkAdd([cutQuote, withNote, written, pendingEdit, neverPushed, untouched, ...filler]);
    await v4.table('outbox').add(pendingRow);
    expect(v4.verno).toBe(4);
    v4.close();

    db = openDb(name);
    const titles = async (...ls: Lesson[]) => (await db!.lessons.bulkGet(ls.map((l) => l.id))).map((l) => l?.title);
    expect(await titles(cutQuote, withNote, written, pendingEdit, neverPushed, untouched)).toEqual([
      'The retry policy was written for single dropped deliveries and nobody revisited it when traffic grew',
      'Revisit retry policies when load grows.',
      'Our webhook outage of March',
      'No backoff.',
      'A note',
      'Written, no ellipsis',
    ]);
    expect(db.verno).toBeGreaterThanOrEqual(6);
    const all = await db.lessons.toArray();
    expect(all.filter((l) => l.title.endsWith('…'))).toEqual([]);
    expect(all).toHaveLength(1106);
    // Nothing else about a lesson changes.
    const { title: _t, ...rest } = (await db.lessons.get(withNote.id))!;
    const { title: _o, ...before } = withNote;
    expect(rest).toStrictEqual(before);

    const outbox = new Map((await db.outbox.toArray()).map((r) => [r.id, r]));
    expect(outbox.get(withNote.id)).toMatchObject({ type: 'upsert', fields: ['title'], baseVersion: 7, sent: false });
    expect(outbox.get(written.id)).toMatchObject({ type: 'upsert', fields: ['title'], baseVersion: 2 });
    const merged = outbox.get(pendingEdit.id)!;
    expect(merged).toMatchObject({ type: 'upsert', fields: ['title', 'note'], baseVersion: 4, sent: true });
    expect(merged.opId).not.toBe('op-1');
    // Never pushed and not queued: nothing partial is sent; private lessons never are.
    expect(outbox.has(neverPushed.id)).toBe(false);
    expect(outbox.has(cutQuote.id)).toBe(false);
    expect(outbox.size).toBe(3);
  });
});

describe('titles kept by the store', () => {
  const source = { url: 'https://x/ACME-2', site: 'jira' as const, workItem: 'jira:ACME-2', title: 'ACME-2', labels: [] };

  it('makes a title from the lesson, and a made title follows the lesson as it is edited; a written one stays', async () => {
    db = openDb(name);
    const made = await createLesson(db, { kind: 'mistake', quote: `${QUOTE} And more.`, source });
    expect(made.title).toBe('The retry policy was written for single dropped deliveries and nobody revisited it when traffic grew');
    expect((await updateLesson(db, made.id, { note: 'Cap retries. Always.' })).title).toBe('Cap retries.');

    const question = await createLesson(db, { kind: 'question', question: { text: 'Why no backoff?', askedAt: made.createdAt }, source });
    expect(question.title).toBe('Why no backoff?');
    const answered = await updateLesson(db, question.id, { kind: 'mistake', answers: [{ question: 'Why did this happen?', answer: 'Nobody owned it' }, { question: 'How do we prevent it?', answer: 'Name an owner' }] });
    expect(answered.title).toBe('Nobody owned it. Name an owner.');

    const written = await createLesson(db, { kind: 'mistake', title: 'Webhook outage', quote: QUOTE, source });
    expect((await updateLesson(db, written.id, { note: 'Cap retries.' })).title).toBe('Webhook outage');
    expect((await updateLesson(db, written.id, { title: 'Renamed' })).title).toBe('Renamed');
  });
});
