import type { LessonDb } from './db/database';
import type { Lesson } from './lesson';
import { explainStorageError } from './db/storage-errors';
import { isWrite, parseMessage, type MessageData, type MessageOutput, type PageReport, type WorkerMessage, type WriteMessage } from './messages';
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
} from './db/store';
import { rankTags, suggestTags } from './tags';
import { ImportSessions, type ReadFile } from './import/session';
import type { DetectOptions } from './sites/types';
import { pageHosts } from './sites/identify';
import { needsAnchoring } from './page/lesson-loader';
import { checkSender, type PolicyContext, type Sender } from './sender-policy';

export type { Sender };

/** What a write changed, so that only the tabs showing it repaint: work items, or any page (an import). */
export type Touched = string[] | 'all';
/** A write's reply with what it touched; the sender gets the reply only. */
export interface Written<O> {
  reply: O;
  touched: Touched;
}
/** Runs after every successful write: tells the tabs concerned (the sender's among them), recounts badges, syncs. */
export type AfterWrite = (touched: Touched, sender: Sender) => void;

type Handler<K extends WorkerMessage> = (
  data: MessageData<K>,
  sender: Sender,
) => Promise<K extends WriteMessage ? Written<MessageOutput<K>> : MessageOutput<K>>;

/** The background worker's side of every worker message: one missing is a compile error. */
export type Handlers = { [K in WorkerMessage]: Handler<K> };
export type StoreHandlers = ReturnType<typeof createHandlers>;
/** The handlers that need the browser (tabs, session storage, sync timers): lib/platform/handlers.ts. */
export type PlatformHandlers = Omit<Handlers, keyof StoreHandlers>;

const wrote = <O extends Lesson | Lesson[]>(reply: O): Written<O> => ({
  reply,
  touched: ([] as Lesson[]).concat(reply).map((l) => l.source.workItem),
});

/** The handlers that read and write lessons. */
export function createHandlers(
  db: LessonDb,
  ctx: WriteContext = {},
  io: {
    readFile?: ReadFile;
    detectOptions?: () => Promise<DetectOptions>;
    /** Keeps a tab's anchoring report (lib/platform/page-status.ts). */
    reportPage?: (tabId: number, report: PageReport) => Promise<void>;
    /** Injects the page layer into a tab's top frame (lib/platform/capture.ts). */
    loadPageLayer?: (tabId: number) => Promise<void>;
  } = {},
) {
  const imports = new ImportSessions(db, io.readFile, io.detectOptions);
  // Each tab's latest `lessonsForPage`, numbered as asked.
  let asked = 0;
  const lastAsked = new Map<number, number>();
  return {
    saveLesson: async (draft) => wrote(await createLesson(db, draft, ctx)),
    updateLesson: async ({ id, patch }) => wrote(await updateLesson(db, id, patch, ctx)),
    updateLessons: async ({ ids, patch }) => wrote(await updateLessons(db, ids, patch, ctx)),
    deleteLessons: async ({ ids }) => wrote(await deleteLessons(db, ids, ctx)),
    restoreLessons: async ({ ids }) => wrote(await restoreLessons(db, ids, ctx)),
    markHelped: async ({ id }) => wrote(await markHelped(db, id, ctx)),
    previewImport: ({ url }) => imports.preview(url),
    applyImport: async ({ url }) => ({ reply: await imports.apply(url), touched: 'all' as const }),
    lessonsForPage: async ({ workItem, withLayer }, { tabId, url }) => {
      const mine = ++asked;
      if (tabId != null) lastAsked.set(tabId, mine);
      const [lessons, options] = await Promise.all([lessonsForWorkItem(db, workItem), io.detectOptions?.()]);
      const answer = { lessons, hosts: pageHosts(url, options?.hosts) };
      // A tab with nothing to anchor loads no page layer; its (empty) report is kept here, not sent as a second message.
      // Only for the tab's latest ask: an answer overtaken by a navigation's would replace that page's report.
      const latest = tabId != null && lastAsked.get(tabId) === mine;
      if (!latest) return answer;
      lastAsked.delete(tabId);
      if (!needsAnchoring(lessons)) {
        if (url) await io.reportPage?.(tabId, { workItem, url, found: [], notFound: [] });
      } else if (withLayer) {
        // A failed injection is the tab's to retry: it asks for the layer itself when it finds none.
        await io.loadPageLayer?.(tabId).catch(() => {});
      }
      return answer;
    },
    suggestTags: async ({ source }) => suggestTags(source, rankTags(source, await tagHistory(db, source))),
  } satisfies Partial<Handlers>;
}

/** Validates a raw payload and runs its handler; a malformed message never reaches the database. */
export async function dispatch<K extends WorkerMessage>(
  handlers: Pick<Handlers, NoInfer<K>>,
  name: K,
  raw: unknown,
  sender: Sender = {},
  afterWrite: AfterWrite = () => {},
): Promise<MessageOutput<K>> {
  return run(handlers, name, parseMessage(name, raw), sender, afterWrite);
}

async function run<K extends WorkerMessage>(
  handlers: Pick<Handlers, K>,
  name: K,
  data: MessageData<K>,
  sender: Sender,
  afterWrite: AfterWrite,
): Promise<MessageOutput<K>> {
  const handler = handlers[name] as (d: MessageData<K>, s: Sender) => Promise<unknown>;
  const result = await handler(data, sender).catch((e: unknown) => {
    throw explainStorageError(e);
  });
  if (!isWrite(name)) return result as MessageOutput<K>;
  const { reply, touched } = result as Written<MessageOutput<K>>;
  afterWrite(touched, sender);
  return reply;
}

/** `dispatch` for messages from other contexts: the sender is checked (lib/sender-policy.ts) before any handler runs. */
export async function dispatchChecked<K extends WorkerMessage>(
  handlers: Pick<Handlers, NoInfer<K>>,
  name: K,
  raw: unknown,
  sender: Sender,
  policy: PolicyContext,
  afterWrite: AfterWrite,
): Promise<MessageOutput<K>> {
  const data = parseMessage(name, raw);
  await checkSender(String(name), data, sender, policy);
  return run(handlers, name, data, sender, afterWrite);
}

/** The policy's view of the database: the work item each lesson belongs to, tombstones included. */
export function lessonWorkItems(db: LessonDb): PolicyContext['workItemsOf'] {
  return async (ids) => (await db.lessons.bulkGet(ids)).map((l) => l?.source.workItem);
}
