import type { LessonDb } from './db';
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

/** Where a message came from: the tab, for messages a content script sends. */
export interface Sender {
  tabId?: number;
}

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
  const data = parseMessage(name, raw);
  const handler = handlers[name] as ((d: MessageData<K>, s: Sender) => Promise<MessageOutput<K>>) | undefined;
  if (!handler) throw new Error(`No handler for "${String(name)}"`);
  return handler(data, sender);
}
