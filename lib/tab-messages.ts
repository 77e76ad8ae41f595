import * as z from 'zod/mini';

/**
 * Where a message goes. The worker is the single writer, so its entries say whether they write:
 * the worker announces every write from that flag (lib/service.ts), never from a list kept elsewhere.
 */
export type Route = { to: 'worker'; writes: boolean } | { to: 'tab' };

/** The reply type rides along as a phantom so that senders stay typed without importing zod. */
export const message =
  <O = void>() =>
  <const R extends Route, I extends z.core.$ZodType>(route: R, input: I) =>
    ({ ...route, input }) as R & { input: I; output?: O };

/**
 * The messages the worker and extension pages send to a tab's content script. They live apart
 * from lib/protocol.ts and use zod/mini so that validating them on receipt keeps the content
 * script small.
 */
export const tabMessages = {
  /** Scroll to a painted lesson and flash it; false when it is not painted there. */
  flashLesson: message<boolean>()({ to: 'tab' }, z.object({ id: z.uuid() })),
  /** After a write that may concern the tab: repaint. `workItem` is the page the tab last reported, absent before its first report. */
  lessonsChanged: message()({ to: 'tab' }, z.object({ workItem: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))) })),
};

export type TabMessage = keyof typeof tabMessages;

export class InvalidMessageError extends Error {
  constructor(name: string, detail: string) {
    super(`Invalid "${name}" message: ${detail}`);
    this.name = 'InvalidMessageError';
  }
}

/** Parses a received payload against its schema; throws a readable error and never passes junk on. */
export function parsePayload<S extends z.core.$ZodType>(name: string, schema: S | undefined, data: unknown): z.output<S> {
  if (!schema) throw new InvalidMessageError(name, 'unknown message');
  const result = z.safeParse(schema, data);
  if (!result.success) throw new InvalidMessageError(name, z.prettifyError(result.error));
  return result.data;
}

export function parseTabMessage<K extends TabMessage>(name: K, data: unknown): z.output<(typeof tabMessages)[K]['input']> {
  return parsePayload(name, tabMessages[name]?.input, data) as z.output<(typeof tabMessages)[K]['input']>;
}
