import { z } from 'zod';
import { LessonDraftSchema, LessonPatchSchema, SourceSchema, type Lesson } from './lesson';
import type { ImportResult } from './import/session';
import type { ImportSummary } from './library/import-plan';
import type { SyncReport } from './sync/engine';

/**
 * The one message protocol between extension contexts and the background worker (the single
 * writer). Each message names the zod schema of its payload; the worker validates on receipt.
 * The reply type rides along as a phantom so that senders stay typed without importing zod.
 */
const message =
  <O = void>() =>
  <I extends z.ZodType>(input: I) =>
    ({ input }) as { input: I; output?: O };

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

export const protocol = {
  saveLesson: message<Lesson>()(LessonDraftSchema),
  updateLesson: message<Lesson>()(z.object({ id: z.uuid(), patch: LessonPatchSchema })),
  /** One patch applied to many lessons (bulk tag, bulk visibility), in one transaction. */
  updateLessons: message<Lesson[]>()(Ids.extend({ patch: LessonPatchSchema })),
  /** Tombstones: undone by `restoreLessons`. */
  deleteLessons: message<Lesson[]>()(Ids),
  restoreLessons: message<Lesson[]>()(Ids),
  markHelped: message<Lesson>()(z.object({ id: z.uuid() })),
  /** From the library: reads and validates an export file (the page's `blob:` URL for it) and says what importing it would do. */
  previewImport: message<ImportSummary>()(ImportFile),
  /** Imports the previewed file, all or nothing; a stored copy newer than the imported one is kept (`skipped`). */
  applyImport: message<ImportResult>()(ImportFile),
  lessonsForPage: message<Lesson[]>()(z.object({ workItem: WorkItem })),
  suggestTags: message<string[]>()(z.object({ source: SourceSchema })),
  /** From a tab: how its lessons anchored, for the badge and the side panel. */
  pageReport: message()(PageReportSchema),
  /** From an extension page: the last report of a tab (null before its content script reported). */
  /** To a tab: scroll to a painted lesson and flash it; false when it is not painted there. */
  flashLesson: message<boolean>()(z.object({ id: z.uuid() })),
  /** From a tab: its "Save as lesson" button was pressed; open the capture card there, as the shortcut does. */
  openCapture: message()(z.object({})),
  /** From a tab: inject the in-page lesson card and lists, loaded only when a page needs them. */
  loadPageLayer: message()(z.object({})),
  /** Opens the library, on one lesson when given. */
  openLibrary: message()(z.object({ lessonId: z.uuid().optional() })),
  /** From the background to a tab after a write that concerns it: repaint. */
  lessonsChanged: message()(z.object({ workItem: z.string() })),
  /** Pushes pending changes and pulls the team's; `force` skips the backoff (the "Sync now" button). */
  syncNow: message<SyncReport>()(z.object({ force: z.boolean().default(true) })),
  /** Forgets team-sync conflicts the person has read (options page). */
  dismissSyncConflicts: message()(z.object({ seqs: z.array(z.number().int()).max(10_000) })),
};

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = z.input<Protocol[K]['input']>;
export type MessageData<K extends MessageName> = z.output<Protocol[K]['input']>;
export type MessageOutput<K extends MessageName> = Exclude<Protocol[K]['output'], undefined>;

/** The map @webext-core/messaging types its senders and listeners with. */
export type ProtocolMap = { [K in MessageName]: (data: MessageInput<K>) => MessageOutput<K> };

export class InvalidMessageError extends Error {
  constructor(name: string, detail: string) {
    super(`Invalid "${name}" message: ${detail}`);
    this.name = 'InvalidMessageError';
  }
}

/** Parses a received payload against its schema; throws a readable error and never passes junk on. */
export function parseMessage<K extends MessageName>(name: K, data: unknown): MessageData<K> {
  const schema = protocol[name]?.input;
  if (!schema) throw new InvalidMessageError(String(name), 'unknown message');
  const result = schema.safeParse(data);
  if (!result.success) throw new InvalidMessageError(String(name), z.prettifyError(result.error));
  return result.data as MessageData<K>;
}
