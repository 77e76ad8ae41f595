import { describe, expect, it } from 'vitest';
import type { Lesson } from '../lesson';
import { lesson } from '../../test/support/related-fixtures';
import { RelatedIndex, RELATED_INDEX_VERSION } from './lesson-index';

/** Lessons over a few work items, projects and tags, so every lookup has keys with several documents. */
function lessons(n: number): Lesson[] {
  return Array.from({ length: n }, (_, i) =>
    lesson({
      title: `Lesson ${i} about retries and queue ${i % 7}`,
      tags: [`tag-${i % 5}`, ...(i % 3 ? [] : ['ci'])],
      source: { site: 'jira', workItem: `jira:ACME-${i % 11}`, project: i % 2 ? 'ACME' : 'Ops', labels: i % 4 ? [] : ['Incident'] },
    }),
  );
}

const KEYS = {
  workItems: [...Array.from({ length: 12 }, (_, i) => `jira:ACME-${i}`), 'jira:ACME', ''],
  projects: ['ACME', 'acme', 'ops', 'OPS ', 'nope', undefined],
  tags: [...Array.from({ length: 6 }, (_, i) => `tag-${i}`), 'ci', 'incident', 'Incident', 'nope'],
};

function lookups(index: RelatedIndex) {
  return {
    workItems: KEYS.workItems.map((k) => [...index.onWorkItem(k)].sort()),
    projects: KEYS.projects.map((k) => [...index.inProject(k)].sort()),
    tags: KEYS.tags.map((k) => [...index.withTag(k)].sort()),
  };
}

function built(all: Lesson[]): RelatedIndex {
  const builder = RelatedIndex.builder();
  for (const l of all) builder.add(l);
  return builder.finish();
}

describe('RelatedIndex stored and restored', () => {
  it('answers lookups by work item, project and tag as the built index does, before and after writes', () => {
    const all = lessons(200);
    const index = built(all);
    const { head, blocks } = structuredClone(index.snapshot());
    const restored = RelatedIndex.restore(head, blocks)!;
    expect(lookups(restored)).toEqual(lookups(index));

    // A new key, a key with new documents, and enough removals to renumber every document.
    const more = [...lessons(20).map((l, i) => ({ ...l, source: { ...l.source, workItem: `jira:NEW-${i % 3}` } })), lesson({ tags: ['tag-1'] })];
    for (const target of [index, restored]) {
      for (const l of more) target.add(l);
      for (const l of all.slice(0, 150)) target.remove(l.id);
    }
    const after = (i: RelatedIndex) => ({ ...lookups(i), added: [0, 1, 2].map((n) => [...i.onWorkItem(`jira:NEW-${n}`)].sort()) });
    expect(after(restored)).toEqual(after(index));
    const again = structuredClone(restored.snapshot());
    expect(after(RelatedIndex.restore(again.head, again.blocks)!)).toEqual(after(index));
  });

  it('restored without its ids, orders documents as with them, and takes only ids that fit it', () => {
    const all = lessons(200);
    const index = built(all);
    // Edited timestamps, some equal: documents of one updatedAt must compare equal.
    for (const [i, l] of all.slice(0, 60).entries()) index.update({ ...l, updatedAt: `2024-05-0${1 + (i % 3)}T00:00:00.000Z` });
    const { head, blocks } = structuredClone(index.snapshot());
    const whole = RelatedIndex.restore(head, blocks)!;
    const {
      text: { keys, ...text },
      updatedAt,
      ...rest
    } = head;
    const bare = RelatedIndex.restore({ ...rest, text }, blocks)!;
    expect(bare.hasIds).toBe(false);
    expect(() => bare.idOf(0)).toThrow();
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    for (let a = 0; a < bare.size; a += 7) {
      for (let b = 0; b < bare.size; b += 3) {
        expect(Math.sign(bare.compareUpdatedAt(a, b))).toBe(cmp(whole.updatedAtOf(a), whole.updatedAtOf(b)));
        expect(Math.sign(bare.text.compareKeys(a, b))).toBe(cmp(whole.idOf(a), whole.idOf(b)));
      }
    }
    expect(RelatedIndex.restore({ ...rest, text: head.text }, blocks)).toBeNull();
    // Ranks that do not place every document among them are refused, the text's and the dates' alike.
    const outOfRange = (rank: Uint32Array) => Uint32Array.from(rank, (r, i) => (i === 0 ? rank.length : r));
    expect(RelatedIndex.restore({ ...rest, text, recency: outOfRange(head.recency) }, blocks)).toBeNull();
    expect(RelatedIndex.restore({ ...rest, text: { ...text, keyRank: outOfRange(head.text.keyRank) } }, blocks)).toBeNull();
    expect(bare.fillIds({ keys: keys!, updatedAt: { ms: new Float64Array(3) } })).toBe(false);
    expect(bare.fillIds({ keys: { uuids: new Uint8Array(16) }, updatedAt: updatedAt! })).toBe(false);
    expect(bare.hasIds).toBe(false);
    expect(bare.fillIds({ keys: keys!, updatedAt: updatedAt! })).toBe(true);
    expect(bare.idOf(5)).toBe(whole.idOf(5));
    expect(lookups(bare)).toEqual(lookups(index));
  });

  it('refuses a head of the previous version or with a lookup whose keys are out of order', () => {
    const { head, blocks } = built(lessons(30)).snapshot();
    expect(RelatedIndex.restore({ ...head, version: RELATED_INDEX_VERSION - 1 }, blocks)).toBeNull();
    const { order: _order, ...previous } = head.workItems;
    expect(RelatedIndex.restore({ ...head, workItems: previous as typeof head.workItems }, blocks)).toBeNull();
    const reversed = head.tags.order.slice().reverse();
    expect(RelatedIndex.restore({ ...head, tags: { ...head.tags, order: reversed } }, blocks)).toBeNull();
    expect(RelatedIndex.restore(head, blocks)).not.toBeNull();
  });

  it('restored without its deep checks, leaves to holdsTogether what only a walk of all of it finds', () => {
    const all = lessons(40);
    const { head, blocks } = built(all).snapshot();
    const outOfRange = (a: Uint32Array) => Uint32Array.from(a, (r, i) => (i === 0 ? head.text.docLen.length : r));
    const broken = [
      { ...head, tags: { ...head.tags, order: head.tags.order.slice().reverse() } },
      { ...head, workItems: { ...head.workItems, docs: outOfRange(head.workItems.docs) } },
      { ...head, recency: outOfRange(head.recency) },
      { ...head, text: { ...head.text, keyRank: outOfRange(head.text.keyRank) } },
      { ...head, text: { ...head.text, termOrder: head.text.termOrder.slice().reverse() } },
    ];
    for (const s of broken) {
      expect(RelatedIndex.restore(s, blocks)).toBeNull();
      expect(RelatedIndex.restore(s, blocks, { deep: false })).not.toBeNull();
      expect(RelatedIndex.holdsTogether(s)).toBe(false);
    }
    // Checks of its shape still refuse at once what a count could fail on.
    const { order: _order, ...unordered } = head.workItems;
    expect(RelatedIndex.restore({ ...head, workItems: unordered as typeof head.workItems }, blocks, { deep: false })).toBeNull();
    expect(RelatedIndex.restore({ ...head, recency: head.recency.slice(1) }, blocks, { deep: false })).toBeNull();
    expect(RelatedIndex.holdsTogether(head)).toBe(true);
    expect(lookups(RelatedIndex.restore(head, blocks, { deep: false })!)).toEqual(lookups(built(all)));
  });
});
