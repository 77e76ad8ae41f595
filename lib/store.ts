import type { LessonDb } from './db';
import { uuidv7 } from './id';
import {
  LessonDraftSchema,
  LessonPatchSchema,
  LessonSchema,
  deriveTitle,
  type Lesson,
  type LessonDraftInput,
  type LessonPatch,
} from './lesson';

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
    title: draft.title.trim() || deriveTitle(draft.question?.text ?? '') || deriveTitle(draft.quote) || deriveTitle(draft.note),
    id: uuidv7(Date.parse(at)),
    author: ctx.author,
    createdAt: at,
    updatedAt: at,
  });
  await db.lessons.add(lesson);
  return lesson;
}

/** Applies a validated patch; the result is validated as a whole before it is written. */
export async function updateLesson(db: LessonDb, id: string, patch: LessonPatch, ctx: WriteContext = {}): Promise<Lesson> {
  const clean = LessonPatchSchema.parse(patch);
  return db.transaction('rw', db.lessons, async () => {
    const current = await db.lessons.get(id);
    if (!current || current.deletedAt) throw new NotFoundError(id);
    const next = LessonSchema.parse({ ...current, ...clean, updatedAt: stamp(ctx) });
    await db.lessons.put(next);
    return next;
  });
}

/** Marks a lesson deleted (a tombstone, so the deletion can be undone and synced). */
export async function deleteLesson(db: LessonDb, id: string, ctx: WriteContext = {}): Promise<Lesson> {
  return setDeleted(db, id, stamp(ctx), ctx);
}

/** Undoes a delete. */
export async function restoreLesson(db: LessonDb, id: string, ctx: WriteContext = {}): Promise<Lesson> {
  return setDeleted(db, id, undefined, ctx);
}

async function setDeleted(db: LessonDb, id: string, deletedAt: string | undefined, ctx: WriteContext) {
  return db.transaction('rw', db.lessons, async () => {
    const current = await db.lessons.get(id);
    if (!current) throw new NotFoundError(id);
    const next: Lesson = { ...current, deletedAt, updatedAt: stamp(ctx) };
    if (!deletedAt) delete next.deletedAt;
    await db.lessons.put(next);
    return next;
  });
}

/** Live (not deleted) lessons on one work item, newest first. */
export async function lessonsForWorkItem(db: LessonDb, workItem: string): Promise<Lesson[]> {
  const rows = await db.lessons.where('source.workItem').equals(workItem).toArray();
  return rows.filter((l) => !l.deletedAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Tags used before, most used first, from the most recent lessons. */
export async function recentTags(db: LessonDb, limit = 20, scan = 500): Promise<string[]> {
  const counts = new Map<string, number>();
  await db.lessons
    .orderBy('updatedAt')
    .reverse()
    .limit(scan)
    .each((l) => {
      if (l.deletedAt) return;
      for (const t of l.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    });
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([t]) => t);
}
