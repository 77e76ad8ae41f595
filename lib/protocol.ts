import { z } from 'zod';
import { LessonDraftSchema, LessonPatchSchema, SourceSchema, type Lesson } from './lesson';

/**
 * The one message protocol between extension contexts and the background worker (the single
 * writer). Each message names the zod schema of its payload; the worker validates on receipt.
 * The reply type rides along as a phantom so that senders stay typed without importing zod.
 */
const message = <I extends z.ZodType, O>(input: I) => ({ input }) as { input: I; output?: O };

const Id = z.object({ id: z.uuid() });

export const protocol = {
  saveLesson: message<typeof LessonDraftSchema, Lesson>(LessonDraftSchema),
  updateLesson: message<z.ZodObject<{ id: z.ZodUUID; patch: typeof LessonPatchSchema }>, Lesson>(
    z.object({ id: z.uuid(), patch: LessonPatchSchema }),
  ),
  deleteLesson: message<typeof Id, Lesson>(Id),
  restoreLesson: message<typeof Id, Lesson>(Id),
  lessonsForPage: message<z.ZodObject<{ workItem: z.ZodString }>, Lesson[]>(
    z.object({ workItem: z.string().min(1).max(4096) }),
  ),
  suggestTags: message<z.ZodObject<{ source: typeof SourceSchema }>, string[]>(z.object({ source: SourceSchema })),
  /** Sent by the background to a tab after a write that concerns it: repaint. */
  lessonsChanged: message<z.ZodObject<{ workItem: z.ZodString }>, void>(z.object({ workItem: z.string() })),
};

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = z.input<Protocol[K]['input']>;
export type MessageData<K extends MessageName> = z.output<Protocol[K]['input']>;
export type MessageOutput<K extends MessageName> = NonNullable<Protocol[K]['output']> extends never
  ? void
  : NonNullable<Protocol[K]['output']>;

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
