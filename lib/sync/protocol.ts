import { z } from 'zod';
import { LessonSchema } from '../lesson';

/**
 * The wire protocol between the extension's sync engine and the team endpoint (server/).
 * One schema source: the server validates requests with these, the client validates responses.
 */
export const PROTOCOL_VERSION = 1;

/** Limits the server enforces; the client should batch within them rather than discover them. */
export const LIMITS = {
  maxBodyBytes: 1_000_000,
  maxOpsPerPush: 500,
  maxPullLimit: 1000,
  /** A pull page ends before it passes this many bytes (always at least one change); `hasMore` tells. */
  maxPullBytes: 1_000_000,
  defaultPullLimit: 500,
  maxLessonBytes: 64 * 1024,
  maxClientIdLength: 64,
  maxOpIdLength: 64,
} as const;

const utf8 = new TextEncoder();
export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).length;
}

/** A UTF-16 code unit takes at most 3 bytes in UTF-8, so short JSON skips the encoding. */
function fitsJsonBytes(value: unknown, max: number): boolean {
  const text = JSON.stringify(value);
  return text.length * 3 <= max || utf8.encode(text).length <= max;
}

/**
 * A lesson as it travels: only team lessons sync, private ones never leave the device. Deletion
 * travels as a `delete` op and comes back as a tombstone, never as a `deletedAt` inside a lesson;
 * `serverVersion` is the client's own bookkeeping and is dropped.
 */
export const SyncLessonSchema = LessonSchema.omit({ serverVersion: true })
  .extend({
    visibility: z.literal('team', { error: 'only lessons with visibility "team" sync; private lessons stay on the device' }),
  })
  .refine((lesson) => lesson.deletedAt === undefined, {
    message: 'send a delete op instead of a lesson with deletedAt',
    path: ['deletedAt'],
  })
  .refine((lesson) => fitsJsonBytes(lesson, LIMITS.maxLessonBytes), {
    message: `lesson exceeds ${LIMITS.maxLessonBytes} bytes serialized`,
  });
export type SyncLesson = z.output<typeof SyncLessonSchema>;
export type SyncLessonInput = z.input<typeof SyncLessonSchema>;

/**
 * Top-level lesson fields merged one by one on a concurrent edit. `id` never changes and
 * `updatedAt` is bookkeeping (the later of both sides is kept).
 */
export const MERGE_FIELDS = [
  'kind',
  'title',
  'quote',
  'note',
  'answers',
  'actions',
  'tags',
  'source',
  'anchor',
  'visibility',
  'question',
  'keptSecrets',
  'author',
  'createdAt',
  'helped',
] as const;
export const MergeFieldSchema = z.enum(MERGE_FIELDS);
export type MergeField = z.infer<typeof MergeFieldSchema>;

/** A lone surrogate or a NUL: text that is not well-formed Unicode or that databases cannot store. */
const MALFORMED_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** True when every string in `value` (keys included) is well-formed Unicode without NUL. */
export function wellFormedText(value: unknown): boolean {
  if (typeof value === 'string') return !MALFORMED_TEXT.test(value);
  if (Array.isArray(value)) return value.every(wellFormedText);
  if (value && typeof value === 'object') return Object.entries(value).every(([key, v]) => !MALFORMED_TEXT.test(key) && wellFormedText(v));
  return true;
}
const WELL_FORMED = { message: 'text must be well-formed Unicode without NUL characters' };

const opCommon = {
  /** Unique per client; a push carrying an (clientId, opId) the server has seen returns the stored result. */
  opId: z.string().min(1).max(LIMITS.maxOpIdLength).refine(wellFormedText, WELL_FORMED),
  id: z.uuid(),
  /** The server version of this lesson the client last saw; 0 when it never saw one. */
  baseVersion: z.number().int().nonnegative(),
};

export const UpsertOpSchema = z
  .object({
    ...opCommon,
    type: z.literal('upsert'),
    lesson: SyncLessonSchema,
    /**
     * The fields the client changed since baseVersion. Absent: every field that differs from the
     * server's value counts as changed.
     */
    fields: z.array(MergeFieldSchema).max(MERGE_FIELDS.length).optional(),
  })
  .refine((op) => op.lesson.id === op.id, { message: 'lesson.id must equal id', path: ['lesson', 'id'] });

export const DeleteOpSchema = z.object({ ...opCommon, type: z.literal('delete') });

export const PushOpSchema = z.discriminatedUnion('type', [UpsertOpSchema, DeleteOpSchema]).refine(wellFormedText, WELL_FORMED);
export type PushOp = z.output<typeof PushOpSchema>;
export type UpsertOp = z.output<typeof UpsertOpSchema>;
export type DeleteOp = z.output<typeof DeleteOpSchema>;

export const PushRequestSchema = z.object({
  /** A stable id of the device's sync engine (one per browser profile). */
  clientId: z.string().min(1).max(LIMITS.maxClientIdLength).refine(wellFormedText, WELL_FORMED),
  ops: z
    .array(PushOpSchema)
    .max(LIMITS.maxOpsPerPush)
    .refine((ops) => new Set(ops.map((op) => op.opId)).size === ops.length, { message: 'every op in a push needs its own opId' }),
});
export type PushRequest = z.output<typeof PushRequestSchema>;
export type PushRequestInput = z.input<typeof PushRequestSchema>;

/**
 * A field where both sides changed since baseVersion. `winner`: `server` kept its value (the
 * client's is reported as `client`), `merged` combined both (tags: set union), `delete` means a
 * delete beat an edit.
 */
export const ConflictSchema = z.object({
  field: z.union([MergeFieldSchema, z.literal('*')]),
  winner: z.enum(['server', 'merged', 'delete']),
  server: z.unknown(),
  client: z.unknown(),
});
export type Conflict = z.output<typeof ConflictSchema>;

/**
 * `applied`: the op took effect as sent. `merged`: it took effect except for the fields listed in
 * `conflicts`; `lesson` is the result. `deleted`: the lesson was deleted after baseVersion and the
 * edit was not applied (a delete wins); the edit is reported in `conflicts`.
 */
export const OpStatusSchema = z.enum(['applied', 'merged', 'deleted']);
export type OpStatus = z.infer<typeof OpStatusSchema>;

export const OpResultSchema = z.object({
  opId: z.string(),
  id: z.string(),
  status: OpStatusSchema,
  /** The lesson's server version after the op. */
  version: z.number().int().nonnegative(),
  conflicts: z.array(ConflictSchema),
  /** The server's lesson after the op, present when it differs from what the client sent. */
  lesson: SyncLessonSchema.optional(),
});
export type OpResult = z.output<typeof OpResultSchema>;

/**
 * An op the server did not apply because its lesson holds a secret its author has not marked as
 * kept (lib/redact). The rest of the push goes through; `reason` is for the person, without the text.
 */
export const RefusedOpSchema = z.object({
  opId: z.string(),
  id: z.string(),
  code: z.literal('holds_secret'),
  reason: z.string(),
});
export type RefusedOp = z.output<typeof RefusedOpSchema>;

export const PushResponseSchema = z.object({
  /** One per op that was applied (or seen before), in order; refused ops are in `refused` instead. */
  results: z.array(OpResultSchema),
  refused: z.array(RefusedOpSchema).default([]),
  /** The team's version after this push. */
  version: z.number().int().nonnegative(),
});
export type PushResponse = z.output<typeof PushResponseSchema>;

export const PullQuerySchema = z.object({
  /** Opaque; absent (or empty) on the first pull and after a reset. */
  cursor: z.string().max(512).refine(wellFormedText, WELL_FORMED).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPullLimit).default(LIMITS.defaultPullLimit),
});
export type PullQuery = z.output<typeof PullQuerySchema>;

export const ChangeSchema = z.object({
  version: z.number().int().positive(),
  id: z.string(),
  deleted: z.boolean(),
  /** Present unless deleted. */
  lesson: SyncLessonSchema.optional(),
  /** Present when deleted. */
  deletedAt: z.string().optional(),
});
export type Change = z.output<typeof ChangeSchema>;

export const PullPageSchema = z.object({
  reset: z.literal(false),
  changes: z.array(ChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
});

/**
 * The cursor is unknown, garbled, from another database, or older than the tombstones kept: the
 * client must pull again from no cursor and treat that as the whole truth.
 */
export const PullResetSchema = z.object({
  reset: z.literal(true),
  code: z.enum(['cursor_invalid', 'cursor_expired', 'cursor_foreign']),
  message: z.string(),
});

export const PullResponseSchema = z.discriminatedUnion('reset', [PullPageSchema, PullResetSchema]);
export type PullResponse = z.output<typeof PullResponseSchema>;

export const LessonResponseSchema = z.object({
  version: z.number().int().positive(),
  id: z.string(),
  deleted: z.boolean(),
  lesson: SyncLessonSchema.optional(),
  deletedAt: z.string().optional(),
});
export type LessonResponse = z.output<typeof LessonResponseSchema>;

export const MeResponseSchema = z.object({
  protocolVersion: z.number().int(),
  team: z.object({ id: z.string(), name: z.string() }),
  /** `member`: the teammate the token belongs to; the server writes it as the author of the lessons it creates. */
  token: z.object({ id: z.string(), name: z.string(), member: z.string().optional(), expiresAt: z.string().nullable() }),
  /** The team's current version. */
  version: z.number().int().nonnegative(),
  limits: z.object({
    maxBodyBytes: z.number(),
    maxOpsPerPush: z.number(),
    maxPullLimit: z.number(),
    defaultPullLimit: z.number(),
    maxLessonBytes: z.number(),
    rateLimit: z.object({ burst: z.number(), perMinute: z.number() }).passthrough(),
    teamQuota: z.object({ maxLessons: z.number(), maxBytes: z.number() }).optional(),
  }),
});
export type MeResponse = z.output<typeof MeResponseSchema>;

export const HealthResponseSchema = z.object({ ok: z.literal(true), protocolVersion: z.number().int() });

export const ErrorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.unknown()).optional(),
});
export type ErrorResponse = z.output<typeof ErrorResponseSchema>;

/** `GET /v1/stream` sends `event: version` with this data whenever the team's version moves. */
export const StreamEventSchema = z.object({ version: z.number().int().nonnegative() });
export const STREAM_EVENT = 'version';
