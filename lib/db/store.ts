import type { LessonDb } from './database';
import { uuidv7 } from '../id';
import { enqueue, outboxStores } from '../sync/outbox';
import { isMadeTitle, makeTitle } from '../title';
import {
  LessonDraftSchema,
  LessonPatchSchema,
  LessonSchema,
  type Lesson,
  type LessonDraftInput,
  type LessonPatch,
  type Source,
} from '../lesson';
import type { TagUse } from '../tags';

export class NotFoundError extends Error {
  constructor(id: string) {
    super(`No lesson with id ${id}`);
    this.name = 'NotFoundError';
  }
}

export interface WriteContext {
  now?: () => Date;
  author?: string;
}

const stamp = (ctx: WriteContext) => (ctx.now?.() ?? new Date()).toISOString();

/** Validates a draft, fills in id, title and timestamps, and writes it. */
export async function createLesson(db: LessonDb, input: LessonDraftInput, ctx: WriteContext = {}): Promise<Lesson> {
  const draft = LessonDraftSchema.parse(input);
  const at = stamp(ctx);
  const lesson = LessonSchema.parse({
    ...draft,
    title: draft.title.trim() || makeTitle(draft),
    id: uuidv7(Date.parse(at)),
    author: ctx.author,
    createdAt: at,
    updatedAt: at,
  });
  // The lesson and its outbox row (when it is shared with the team) commit together.
  await db.transaction('rw', [db.lessons, ...outboxStores(db)], async () => {
    await db.lessons.add(lesson);
    await enqueue(db, [{ before: undefined, after: lesson }], Date.parse(at));
  });
  return lesson;
}

/** Applies a validated patch; the result is validated as a whole before it is written. */
export async function updateLesson(db: LessonDb, id: string, patch: LessonPatch, ctx: WriteContext = {}): Promise<Lesson> {
  const [lesson] = await updateLessons(db, [id], patch, ctx);
  return lesson;
}

/** One patch applied to many lessons in one transaction: all are written or none. */
export async function updateLessons(db: LessonDb, ids: string[], patch: LessonPatch, ctx: WriteContext = {}): Promise<Lesson[]> {
  const clean = LessonPatchSchema.parse(patch);
  return rewrite(db, ids, ctx, (current) => {
    if (current.deletedAt) throw new NotFoundError(current.id);
    return retitled(current, { ...current, ...clean });
  });
}

/** A title made from the lesson's words follows them (a note added, a question answered); a written one stays. */
function retitled(before: Lesson, after: Lesson): Lesson {
  if (after.title !== before.title || !isMadeTitle(before.title, before)) return after;
  return { ...after, title: makeTitle(after) || before.title };
}

/** Marks lessons deleted (tombstones, so the deletion can be undone and synced). */
export async function deleteLessons(db: LessonDb, ids: string[], ctx: WriteContext = {}): Promise<Lesson[]> {
  const at = stamp(ctx);
  return rewrite(db, ids, ctx, (current) => ({ ...current, deletedAt: current.deletedAt ?? at }));
}

/** Undoes a delete. */
export async function restoreLessons(db: LessonDb, ids: string[], ctx: WriteContext = {}): Promise<Lesson[]> {
  return rewrite(db, ids, ctx, ({ deletedAt: _gone, ...current }) => current);
}

/** Counts one more "this helped". */
export async function markHelped(db: LessonDb, id: string, ctx: WriteContext = {}): Promise<Lesson> {
  const [lesson] = await rewrite(db, [id], ctx, (current) => ({ ...current, helped: current.helped + 1 }));
  return lesson;
}

async function rewrite(
  db: LessonDb,
  ids: string[],
  ctx: WriteContext,
  change: (current: Lesson) => Lesson,
): Promise<Lesson[]> {
  const at = stamp(ctx);
  return db.transaction('rw', [db.lessons, ...outboxStores(db)], async () => {
    const rows = await db.lessons.bulkGet(ids);
    const next = rows.map((current, i) => {
      if (!current) throw new NotFoundError(ids[i]);
      return LessonSchema.parse({ ...change(current), updatedAt: at });
    });
    await db.lessons.bulkPut(next);
    await enqueue(db, next.map((after, i) => ({ before: rows[i], after })), Date.parse(at));
    return next;
  });
}

/** Live (not deleted) lessons on one work item, newest first. */
export async function lessonsForWorkItem(db: LessonDb, workItem: string): Promise<Lesson[]> {
  const rows = await db.lessons.where('source.workItem').equals(workItem).toArray();
  return rows.filter((l) => !l.deletedAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The lessons whose tags count for suggestions on a page (lib/tags.ts `rankTags`): those on its
 * work item, on its project, and the most recently changed `scan` lessons (among which are the
 * ones on its site: the site has no index). Ranking decides; this only reads.
 */
export async function tagHistory(db: LessonDb, source: Source, scan = 500): Promise<TagUse[]> {
  const [item, project, recent] = await Promise.all([
    db.lessons.where('source.workItem').equals(source.workItem).limit(scan).toArray(),
    source.project ? db.lessons.where('source.project').equals(source.project).limit(scan).toArray() : [],
    db.lessons.orderBy('updatedAt').reverse().limit(scan).toArray(),
  ]);
  return [...item, ...project, ...recent];
}
