import type { Transaction } from 'dexie';
import type { OutboxRow } from './database';
import { uuidv7 } from '../id';
import type { Lesson } from '../lesson';
import { migratedTitle } from '../title';

/** Lessons read per step of the walk, so a large database is never held in memory at once. */
const PAGE = 500;

/**
 * Database version 6: titles stored by earlier versions ended with a literal "…" where they were
 * cut, and were made from the quote. Each title made from the lesson's text is made again by
 * today's rule (lib/title.ts); one a person wrote only loses its trailing "…". A changed title of a
 * lesson shared with the team is queued for the team like any edit, so its copy follows.
 */
export async function retitleLessons(tx: Transaction): Promise<void> {
  const lessons = tx.table<Lesson, string>('lessons');
  const outbox = tx.table<OutboxRow, string>('outbox');
  const now = Date.now();
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? lessons.orderBy(':id') : lessons.where(':id').above(after)).limit(PAGE).toArray();
    if (!page.length) return;
    after = page[page.length - 1].id;
    const changed: Lesson[] = [];
    for (const lesson of page) {
      const title = migratedTitle(lesson);
      if (title !== null) changed.push({ ...lesson, title });
    }
    if (!changed.length) continue;
    await lessons.bulkPut(changed);
    const shared = changed.filter((l) => l.visibility === 'team' && !l.deletedAt);
    if (!shared.length) continue;
    const pending = await outbox.bulkGet(shared.map((l) => l.id));
    const rows = shared.flatMap((l, i) => titleEdit(pending[i], l, now));
    if (rows.length) await outbox.bulkPut(rows);
  }
}

/**
 * The outbox row that tells the team of a new title (lib/sync/outbox.ts `coalesce`, for this one
 * case; that module brings zod, which the database module must not). A lesson the server has never
 * seen is already queued whole, in the outbox or a share batch: it needs nothing more.
 */
function titleEdit(existing: OutboxRow | undefined, lesson: Lesson, now: number): OutboxRow[] {
  if (existing?.type === 'delete') return [];
  if (!existing && lesson.serverVersion === undefined) return [];
  const fields = existing?.fields ?? [];
  return [
    {
      id: lesson.id,
      type: 'upsert',
      fields: fields.includes('title') ? fields : ['title', ...fields],
      baseVersion: existing?.baseVersion ?? lesson.serverVersion ?? 0,
      opId: uuidv7(now),
      changedAt: now,
      sent: existing?.sent ?? false,
    },
  ];
}
