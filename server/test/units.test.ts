import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/id';
import { SyncLessonSchema, type PushOp } from '../../lib/sync/protocol';
import { decodeCursor, encodeCursor } from '../cursor';
import { applyOp, type StoredLesson } from '../merge';
import { RateLimiter } from '../rate-limit';
import { hashToken, newToken, parseDuration } from '../tokens';
import { makeLesson } from '../../test/support/server-harness';

const lesson = (overrides = {}) => SyncLessonSchema.parse(makeLesson(overrides));

describe('merge rules', () => {
  const base = lesson({ title: 'T', note: 'N', tags: ['a'], helped: 1 });
  const stored = (meta: StoredLesson['meta']): StoredLesson => ({ version: 5, deleted: false, deletedAt: null, data: base, meta });
  const upsert = (l: typeof base, baseVersion: number): PushOp => ({ opId: 'x', type: 'upsert', id: l.id, baseVersion, lesson: l });

  it('takes the client value when nobody else changed the field since baseVersion', () => {
    const out = applyOp(stored({ '*': [3, 'other'] }), upsert({ ...base, title: 'mine' }, 3), 'me', 6, 'now');
    expect(out.status).toBe('applied');
    expect(out.next?.data?.title).toBe('mine');
    expect(out.next?.meta.title).toEqual([6, 'me']);
  });

  it('keeps the server value for a field both changed, unites tags, keeps the larger helped count', () => {
    const out = applyOp(stored({ '*': [5, 'other'] }), upsert({ ...base, title: 'mine', tags: ['b'], helped: 4 }, 3), 'me', 6, 'now');
    expect(out.status).toBe('merged');
    expect(out.next?.data).toMatchObject({ title: 'T', tags: ['a', 'b'], helped: 4 });
    expect(out.conflicts.map((c) => [c.field, c.winner])).toEqual([
      ['title', 'server'],
      ['tags', 'merged'],
      ['helped', 'merged'],
    ]);
  });

  it('changes nothing and bumps no version for an identical upsert', () => {
    expect(applyOp(stored({ '*': [5, 'other'] }), upsert(base, 0), 'me', 6, 'now')).toMatchObject({ status: 'applied', next: undefined, lesson: undefined });
  });

  it('removes an optional field the client cleared', () => {
    const withAnchor = { ...base, author: 'ann' };
    const current: StoredLesson = { version: 5, deleted: false, deletedAt: null, data: withAnchor, meta: { '*': [5, 'me'] } };
    const out = applyOp(current, upsert({ ...base }, 5), 'me', 6, 'now');
    expect(out.next?.data && 'author' in out.next.data).toBe(false);
  });
});

describe('cursor, tokens, durations, rate limiter', () => {
  it('round-trips a cursor and rejects anything else', () => {
    expect(decodeCursor(encodeCursor({ v: 7, e: 'ep', h: 0 }))).toEqual({ v: 7, e: 'ep', h: 0 });
    for (const bad of ['', '!!', 'e30', Buffer.from('{"v":-1,"e":"x","h":0}').toString('base64url')]) expect(decodeCursor(bad)).toBeUndefined();
  });

  it('makes prefixed random tokens and hashes them', () => {
    const a = newToken();
    expect(a).toMatch(/^lm_[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parses durations', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(() => parseDuration('soon')).toThrow(/invalid duration/);
    expect(() => parseDuration('0d')).toThrow();
  });

  it('refills a token bucket over time and says how long to wait', () => {
    const limiter = new RateLimiter({ burst: 2, perMinute: 60, opsBurst: 10, opsPerMinute: 60, bytesBurst: 100, bytesPerMinute: 600 });
    const one = { requests: 1 };
    expect([limiter.take('k', one, 0), limiter.take('k', one, 0), limiter.take('k', one, 0)]).toEqual([0, 0, 1]);
    expect(limiter.take('other', one, 0)).toBe(0);
    expect(limiter.take('k', one, 1000)).toBe(0);
  });

  it('counts ops and bytes too, charges nothing when any budget is short, and settles costs known afterwards', () => {
    const limiter = new RateLimiter({ burst: 100, perMinute: 6000, opsBurst: 10, opsPerMinute: 60, bytesBurst: 100, bytesPerMinute: 600 });
    expect(limiter.take('k', { requests: 1, ops: 8 }, 0)).toBe(0);
    // 5 ops wanted, 2 left, 1 op a second.
    expect(limiter.take('k', { requests: 1, ops: 5 }, 0)).toBe(3);
    expect(limiter.take('k', { requests: 1, ops: 2, bytes: 100 }, 0)).toBe(0);
    expect(limiter.take('k', { bytes: 1 }, 0)).toBe(1);
    limiter.adjust('k', { bytes: -50 }, 0);
    expect(limiter.take('k', { bytes: 50 }, 0)).toBe(0);
    limiter.adjust('k', { bytes: 200 }, 0);
    expect(limiter.take('k', { bytes: 1 }, 0)).toBe(21);
  });

  it('rejects private lessons and oversize lessons in the wire schema', () => {
    expect(SyncLessonSchema.safeParse({ ...makeLesson(), visibility: 'private' }).success).toBe(false);
    const answers = Array.from({ length: 10 }, () => ({ question: 'q', answer: 'a'.repeat(3000) }));
    const oversize = SyncLessonSchema.safeParse(makeLesson({ note: 'x'.repeat(19_000), quote: 'q'.repeat(19_000), answers }));
    expect(oversize.error?.issues.map((i) => i.message)).toEqual(['lesson exceeds 65536 bytes serialized']);
    expect(SyncLessonSchema.safeParse(makeLesson({ id: uuidv7() })).success).toBe(true);
  });
});
