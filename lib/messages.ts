import { z } from 'zod';
import { LessonDraftSchema, LessonPatchSchema, SourceSchema, type Lesson } from './lesson';
import type { ImportResult } from './import/session';
import type { ImportSummary } from './library/import-plan';
import type { SyncReport } from './sync/engine';
import type { PageLessons } from './page/lesson-loader';
import { MAX_PAGE_TEXT_CHARS } from './sites/text';
import { InvalidMessageError, message, tabMessages, type InferInput, type InferOutput } from './tab-messages';

export { InvalidMessageError };

const Ids = z.object({ ids: z.array(z.uuid()).min(1).max(100_000) });
const WorkItem = z.string().min(1).max(4096);
const ImportFile = z.object({ url: z.string().startsWith('blob:').max(4096) });

export const PageReportSchema = z.object({
  workItem: WorkItem,
  url: z.string().max(4096),
  found: z.array(z.uuid()),
  notFound: z.array(z.uuid()),
});
export type PageReport = z.output<typeof PageReportSchema>;

/** A tab's cheap read of its page (lib/page/gist.ts), what the toolbar badge counts from. */
export const PageGistSchema = z.object({ source: SourceSchema, text: z.string().max(MAX_PAGE_TEXT_CHARS) });
export type PageGist = z.output<typeof PageGistSchema>;

/**
 * The one message protocol between extension contexts: each entry names where it goes, whether
 * it writes (worker messages) and the schema of its payload, validated on receipt: zod for the
 * worker's, hand-written for the tabs' (lib/tab-messages.ts).
 */
export const protocol = {
  saveLesson: message<Lesson>()({ to: 'worker', writes: true }, LessonDraftSchema),
  updateLesson: message<Lesson>()({ to: 'worker', writes: true }, z.object({ id: z.uuid(), patch: LessonPatchSchema })),
  /** One patch applied to many lessons (bulk tag, bulk visibility), in one transaction. */
  updateLessons: message<Lesson[]>()({ to: 'worker', writes: true }, Ids.extend({ patch: LessonPatchSchema })),
  /** Tombstones: undone by `restoreLessons`. */
  deleteLessons: message<Lesson[]>()({ to: 'worker', writes: true }, Ids),
  restoreLessons: message<Lesson[]>()({ to: 'worker', writes: true }, Ids),
  markHelped: message<Lesson>()({ to: 'worker', writes: true }, z.object({ id: z.uuid() })),
  /** From the library: reads and validates an export file (the page's `blob:` URL for it) and says what importing it would do. */
  previewImport: message<ImportSummary>()({ to: 'worker', writes: false }, ImportFile),
  /** Imports the previewed file, all or nothing; a stored copy newer than the imported one is kept (`skipped`). */
  applyImport: message<ImportResult>()({ to: 'worker', writes: true }, ImportFile),
  /**
   * From a tab: its work item's lessons. `withLayer`: the tab has no page layer yet, so the worker
   * injects it before answering when some lesson is to be anchored (one message, not two, on a
   * page with lessons). The answer names the person's added hosts that are the tab's own host, so
   * that the tab identifies its page as the worker does without reading the settings itself.
   */
  lessonsForPage: message<PageLessons>()({ to: 'worker', writes: false }, z.object({ workItem: WorkItem, withLayer: z.boolean().optional() })),
  suggestTags: message<string[]>()({ to: 'worker', writes: false }, z.object({ source: SourceSchema })),
  /** From a tab: how its lessons anchored, for the badge and the side panel. */
  pageReport: message()({ to: 'worker', writes: false }, PageReportSchema),
  /** From a tab: its page as the badge counts it, read when the page was idle after a load or a soft navigation. */
  pageGist: message()({ to: 'worker', writes: false }, PageGistSchema),
  /** From a tab: its "Save as lesson" button was pressed; open the capture card there, as the shortcut does. */
  openCapture: message()({ to: 'worker', writes: false }, z.object({})),
  /** From a tab: inject the page layer (anchoring, painting), loaded only on a page with lessons. */
  loadPageLayer: message()({ to: 'worker', writes: false }, z.object({})),
  /** From a tab's page layer: inject what draws the lesson card, toasts and lists, the first time it draws. */
  loadPageCard: message()({ to: 'worker', writes: false }, z.object({})),
  /** Opens the library, on one lesson when given. */
  openLibrary: message()({ to: 'worker', writes: false }, z.object({ lessonId: z.uuid().optional() })),
  /** Pushes pending changes and pulls the team's; `force` skips the backoff (the "Sync now" button). */
  syncNow: message<SyncReport>()({ to: 'worker', writes: false }, z.object({ force: z.boolean().default(true) })),
  /** Forgets team-sync conflicts the person has read (options page). */
  dismissSyncConflicts: message()({ to: 'worker', writes: false }, z.object({ seqs: z.array(z.number().int()).max(10_000) })),
  ...tabMessages,
};

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = InferInput<Protocol[K]['input']>;
export type MessageData<K extends MessageName> = InferOutput<Protocol[K]['input']>;
export type MessageOutput<K extends MessageName> = Exclude<Protocol[K]['output'], undefined>;

/** The map @webext-core/messaging types its senders and listeners with. */
export type ProtocolMap = { [K in MessageName]: (data: MessageInput<K>) => MessageOutput<K> };

/** The worker must answer every one of these (lib/service.ts `Handlers`). */
export type WorkerMessage = { [K in MessageName]: Protocol[K] extends { to: 'worker' } ? K : never }[MessageName];
/** After each of these the worker tells the tabs concerned, recounts badges and syncs. */
export type WriteMessage = { [K in MessageName]: Protocol[K] extends { writes: true } ? K : never }[MessageName];

export const workerMessages = (Object.keys(protocol) as MessageName[]).filter((n): n is WorkerMessage => protocol[n].to === 'worker');

export function isWrite(name: MessageName): name is WriteMessage {
  const entry = protocol[name];
  return entry.to === 'worker' && entry.writes;
}

/** Parses a received payload against its schema; throws a readable error and never passes junk on. */
export function parseMessage<K extends WorkerMessage>(name: K, data: unknown): MessageData<K> {
  const schema = protocol[name]?.input;
  if (!schema) throw new InvalidMessageError(String(name), 'unknown message');
  const result = schema.safeParse(data);
  if (!result.success) throw new InvalidMessageError(String(name), z.prettifyError(result.error));
  return result.data as MessageData<K>;
}
