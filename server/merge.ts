import { MAX_TAGS, normalizeTags } from '../lib/lesson';
import { sameValue } from '../lib/sync/same';
import { MERGE_FIELDS, type Conflict, type MergeField, type OpStatus, type PushOp, type SyncLesson } from '../lib/sync/protocol';

/** Who last wrote each field: `[version, clientId]`; `*` stands for every field not listed. */
export type FieldMeta = Record<string, [number, string]>;

export interface StoredLesson {
  version: number;
  deleted: boolean;
  deletedAt: string | null;
  data: SyncLesson | null;
  meta: FieldMeta;
}

export interface Outcome {
  status: OpStatus;
  conflicts: Conflict[];
  /** The lesson's new state; absent when the op changes nothing. */
  next?: Omit<StoredLesson, 'version'>;
  /** The resulting lesson, reported when it differs from what the client sent. */
  lesson?: SyncLesson;
}


/**
 * Applies one op to the server's copy of a lesson. Rules: a field changed by the client and not by
 * anyone else since baseVersion takes the client's value; a field changed by both keeps the
 * server's value (first committed wins) and is reported, except tags (set union) and `helped`
 * (the larger count); a delete beats any edit. A client's own earlier writes never conflict with
 * its later ops, so an outbox may hold several ops on one lesson with the same baseVersion.
 */
export function applyOp(current: StoredLesson | undefined, op: PushOp, clientId: string, version: number, now: string): Outcome {
  return op.type === 'delete' ? applyDelete(current, op.baseVersion, clientId, version, now) : applyUpsert(current, op, clientId, version);
}

/**
 * The fields the server decides: a lesson's author is the member whose token created it, and
 * `createdAt` is its first version's. Whatever the client sent for them is replaced.
 */
export function withServerFields(op: PushOp, current: StoredLesson | undefined, member: string): PushOp {
  if (op.type !== 'upsert') return op;
  const live = current && !current.deleted && current.data ? current.data : undefined;
  const author = live ? live.author : member || undefined;
  const createdAt = live ? live.createdAt : op.lesson.createdAt;
  const { author: _sent, ...rest } = op.lesson;
  return { ...op, lesson: { ...rest, ...(author === undefined ? {} : { author }), createdAt } };
}

function applyDelete(current: StoredLesson | undefined, base: number, clientId: string, version: number, now: string): Outcome {
  const tombstone = { deleted: true, deletedAt: now, data: null, meta: { '*': [version, clientId] } as FieldMeta };
  if (!current) return { status: 'applied', conflicts: [], next: tombstone };
  if (current.deleted) return { status: 'applied', conflicts: [] };
  const conflicts: Conflict[] = [];
  for (const field of MERGE_FIELDS) {
    if (changedByOthers(current.meta, field, base, clientId)) {
      conflicts.push({ field, winner: 'delete', server: current.data?.[field] ?? null, client: null });
    }
  }
  return { status: 'applied', conflicts, next: tombstone };
}

function applyUpsert(current: StoredLesson | undefined, op: Extract<PushOp, { type: 'upsert' }>, clientId: string, version: number): Outcome {
  const fresh = { deleted: false, deletedAt: null, data: op.lesson, meta: { '*': [version, clientId] } as FieldMeta };
  if (!current) return { status: 'applied', conflicts: [], next: fresh };
  if (current.deleted || !current.data) {
    if (op.baseVersion >= current.version) return { status: 'applied', conflicts: [], next: fresh };
    return { status: 'deleted', conflicts: [{ field: '*', winner: 'delete', server: null, client: op.lesson }] };
  }

  const server = current.data;
  const result: Record<string, unknown> = { ...server };
  const meta: FieldMeta = { ...current.meta };
  const conflicts: Conflict[] = [];
  let changed = false;
  const take = (field: MergeField, value: unknown) => {
    if (value === undefined) delete result[field];
    else result[field] = value;
    meta[field] = [version, clientId];
    changed = true;
  };

  for (const field of MERGE_FIELDS) {
    const mine = op.lesson[field];
    const theirs = server[field];
    if (sameValue(mine, theirs)) continue;
    if (op.fields && !op.fields.includes(field)) continue;
    if (!changedByOthers(current.meta, field, op.baseVersion, clientId)) {
      take(field, mine);
    } else if (field === 'tags') {
      const union = normalizeTags([...server.tags, ...op.lesson.tags]).slice(0, MAX_TAGS);
      if (!sameValue(union, theirs)) take(field, union);
      conflicts.push({ field, winner: 'merged', server: theirs, client: mine });
    } else if (field === 'helped') {
      if (op.lesson.helped > server.helped) take(field, op.lesson.helped);
      conflicts.push({ field, winner: 'merged', server: theirs, client: mine });
    } else {
      conflicts.push({ field, winner: 'server', server: theirs, client: mine });
    }
  }
  if (changed && Date.parse(op.lesson.updatedAt) > Date.parse(server.updatedAt)) result.updatedAt = op.lesson.updatedAt;

  const lesson = result as SyncLesson;
  return {
    status: conflicts.length ? 'merged' : 'applied',
    conflicts,
    next: changed ? { deleted: false, deletedAt: null, data: lesson, meta } : undefined,
    lesson: sameValue(lesson, op.lesson) ? undefined : lesson,
  };
}

function changedByOthers(meta: FieldMeta, field: string, base: number, clientId: string): boolean {
  const [version, writer] = meta[field] ?? meta['*'];
  return version > base && writer !== clientId;
}
