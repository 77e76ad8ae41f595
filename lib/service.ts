import type { LessonDb } from './db';
import { explainStorageError } from './storage-errors';
import { parseMessage, type MessageData, type MessageName, type MessageOutput } from './protocol';
import {
  createLesson,
  deleteLessons,
  lessonsForWorkItem,
  markHelped,
  restoreLessons,
  tagHistory,
  updateLesson,
  updateLessons,
  type WriteContext,
} from './store';
import { rankTags, suggestTags } from './tags';
import { ImportSessions, type ReadFile } from './import/session';
import type { DetectOptions } from './sites/types';
import { checkSender, type PolicyContext, type Sender } from './sender-policy';

export type { Sender };

/** The background worker's side of every message that reads or writes lessons. */
export type Handlers = {
  [K in MessageName]?: (data: MessageData<K>, sender: Sender) => Promise<MessageOutput<K>>;
};

export function createHandlers(
  db: LessonDb,
  ctx: WriteContext = {},
  io: { readFile?: ReadFile; detectOptions?: () => Promise<DetectOptions> } = {},
) {
  const imports = new ImportSessions(db, io.readFile, io.detectOptions);
  return {
    saveLesson: (draft) => createLesson(db, draft, ctx),
    updateLesson: ({ id, patch }) => updateLesson(db, id, patch, ctx),
    updateLessons: ({ ids, patch }) => updateLessons(db, ids, patch, ctx),
    deleteLessons: ({ ids }) => deleteLessons(db, ids, ctx),
    restoreLessons: ({ ids }) => restoreLessons(db, ids, ctx),
    markHelped: ({ id }) => markHelped(db, id, ctx),
    previewImport: ({ url }) => imports.preview(url),
    applyImport: ({ url }) => imports.apply(url),
    lessonsForPage: ({ workItem }) => lessonsForWorkItem(db, workItem),
    suggestTags: async ({ source }) => suggestTags(source, rankTags(source, await tagHistory(db, source))),
  } satisfies Handlers;
}

/** Validates a raw payload and runs its handler; a malformed message never reaches the database. */
export async function dispatch<K extends MessageName>(
  handlers: Handlers,
  name: K,
  raw: unknown,
  sender: Sender = {},
): Promise<MessageOutput<K>> {
  return run(handlers, name, parseMessage(name, raw), sender);
}

function run<K extends MessageName>(handlers: Handlers, name: K, data: MessageData<K>, sender: Sender): Promise<MessageOutput<K>> {
  const handler = handlers[name] as ((d: MessageData<K>, s: Sender) => Promise<MessageOutput<K>>) | undefined;
  if (!handler) throw new Error(`No handler for "${String(name)}"`);
  return handler(data, sender).catch((e: unknown) => {
    throw explainStorageError(e);
  });
}

/** `dispatch` for messages from other contexts: the sender is checked (lib/sender-policy.ts) before any handler runs. */
export async function dispatchChecked<K extends MessageName>(
  handlers: Handlers,
  name: K,
  raw: unknown,
  sender: Sender,
  policy: PolicyContext,
): Promise<MessageOutput<K>> {
  const data = parseMessage(name, raw);
  await checkSender(String(name), data, sender, policy);
  return run(handlers, name, data, sender);
}

/** The policy's view of the database: the work item each lesson belongs to, tombstones included. */
export function lessonWorkItems(db: LessonDb): PolicyContext['workItemsOf'] {
  return async (ids) => (await db.lessons.bulkGet(ids)).map((l) => l?.source.workItem);
}
