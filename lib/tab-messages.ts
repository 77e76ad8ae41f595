/**
 * Where a message goes. The worker is the single writer, so its entries say whether they write:
 * the worker announces every write from that flag (lib/service.ts), never from a list kept elsewhere.
 */
export type Route = { to: 'worker'; writes: boolean } | { to: 'tab' };

type Result<T> = { value: T; issues?: undefined } | { issues: readonly { message: string }[] };

/**
 * The part of the Standard Schema interface (standardschema.dev) the protocol uses. zod's schemas
 * implement it, so the tab messages below can have schemas without shipping zod.
 */
export interface Schema<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output };
  };
}
export type InferInput<S extends Schema> = NonNullable<S['~standard']['types']>['input'];
export type InferOutput<S extends Schema> = NonNullable<S['~standard']['types']>['output'];

/** The reply type rides along as a phantom so that senders stay typed without importing zod. */
export const message =
  <O = void>() =>
  <const R extends Route, I extends Schema>(route: R, input: I) =>
    ({ ...route, input }) as R & { input: I; output?: O };

/** A hand-written schema: `check` returns the parsed value, or why the value is refused. */
const schema = <T extends object>(check: (value: unknown) => T | string): Schema<T> => ({
  '~standard': {
    version: 1,
    vendor: 'lessonmark',
    validate: (value) => {
      const out = check(value);
      return typeof out === 'string' ? { issues: [{ message: out }] } : { value: out };
    },
  },
});

const fields = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The messages the worker and extension pages send to a tab's content script. Their schemas are
 * written by hand: zod, even zod/mini, would add 5 KB gzip to a script every page loads.
 */
export const tabMessages = {
  /** Scroll to a painted lesson and flash it; false when it is not painted there. */
  flashLesson: message<boolean>()(
    { to: 'tab' },
    schema<{ id: string }>((value) => {
      const id = fields(value)?.id;
      return typeof id === 'string' && UUID.test(id) ? { id } : 'id: expected a UUID';
    }),
  ),
  /** The tab's cheap read of its page (a `PageGist`, checked by the worker), for the badge of a worker that woke after the page loaded. */
  readGist: message<unknown>()({ to: 'tab' }, schema<object>(() => ({}))),
  /** After a write that may concern the tab: repaint. `workItem` is the page the tab last reported, absent before its first report. */
  lessonsChanged: message()(
    { to: 'tab' },
    schema<{ workItem?: string }>((value) => {
      const data = fields(value);
      if (!data) return 'expected an object';
      const { workItem } = data;
      if (workItem === undefined) return {};
      return typeof workItem === 'string' && workItem.length > 0 && workItem.length <= 4096 ? { workItem } : 'workItem: expected a work item';
    }),
  ),
};

export type TabMessage = keyof typeof tabMessages;

export class InvalidMessageError extends Error {
  constructor(name: string, detail: string) {
    super(`Invalid "${name}" message: ${detail}`);
    this.name = 'InvalidMessageError';
  }
}

type TabData<K extends TabMessage> = InferOutput<(typeof tabMessages)[K]['input']>;

/** Parses a payload a tab received; throws a readable error and never passes junk on. */
export function parseTabMessage<K extends TabMessage>(name: K, data: unknown): TabData<K> {
  const schema = tabMessages[name]?.input as Schema<unknown, TabData<K>> | undefined;
  if (!schema) throw new InvalidMessageError(name, 'unknown message');
  // Hand-written schemas validate synchronously.
  const result = schema['~standard'].validate(data) as Result<TabData<K>>;
  if (result.issues) throw new InvalidMessageError(name, result.issues.map((i) => i.message).join('; '));
  return result.value;
}
