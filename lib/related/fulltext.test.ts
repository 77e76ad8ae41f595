import { describe, expect, it } from 'vitest';
import { ProseGenerator } from '../../bench/corpus/prose';
import { prng } from '../../test/support/prng';
import { FullTextIndex, type WeightedText } from './fulltext';

function corpus(n: number, seed: number): Array<[string, WeightedText[]]> {
  const gen = new ProseGenerator(seed);
  return Array.from({ length: n }, (_, i) => {
    const l = gen.lesson();
    return [
      `doc-${seed}-${i}`,
      [
        { text: l.title, weight: 2 },
        { text: l.quote, weight: 1 },
        { text: l.note, weight: 1 },
      ],
    ];
  });
}

const queryOf = (gen: ProseGenerator) => [{ text: gen.paragraph(12), weight: 1 }];

/** Results as comparable rows; scores rounded as float32 accumulation order may differ. */
const rows = (index: FullTextIndex, query: WeightedText[], k: number) => {
  const terms = index.queryTerms(query, 16);
  return index.search(terms, k).map((h) => `${h.key} ${h.score.toFixed(3)} ${h.matched.join(',')}`);
};

describe('FullTextIndex', () => {
  it('returns the exact top k: pruning changes nothing compared with scoring every document', () => {
    const index = FullTextIndex.build(corpus(3000, 1));
    const gen = new ProseGenerator(99);
    for (let q = 0; q < 20; q++) {
      const query = queryOf(gen);
      const terms = index.queryTerms(query, 16);
      const top = index.search(terms, 10).map((h) => h.key);
      const all = index.search(terms, 1_000_000).map((h) => h.key);
      expect(top).toEqual(all.slice(0, 10));
    }
  });

  it('after any mix of adds and removes, answers as an index built from the live documents', () => {
    const docs = corpus(2500, 2);
    const random = prng(5);
    const index = FullTextIndex.build(docs.slice(0, 1000));
    const live = new Map(docs.slice(0, 1000));
    let next = 1000;
    // Enough operations to pass the compaction thresholds several times.
    for (let op = 0; op < 3000; op++) {
      if (random() < 0.55 && next < docs.length) {
        const [key, fields] = docs[next++];
        index.add(key, fields);
        live.set(key, fields);
      } else if (live.size > 0) {
        const keys = [...live.keys()];
        const key = keys[Math.floor(random() * keys.length)];
        expect(index.remove(key)).toBe(true);
        live.delete(key);
      }
    }
    expect(index.size).toBe(live.size);
    const fresh = FullTextIndex.build(live);
    const gen = new ProseGenerator(7);
    for (let q = 0; q < 15; q++) {
      const query = queryOf(gen);
      expect(rows(index, query, 10)).toEqual(rows(fresh, query, 10));
    }
  });

  it('refuses a key twice and forgets a removed key', () => {
    const [[key, fields]] = corpus(1, 3);
    const index = FullTextIndex.build([[key, fields]]);
    expect(() => index.add(key, fields)).toThrow(/Already indexed/);
    expect(index.remove(key)).toBe(true);
    expect(index.has(key)).toBe(false);
    expect(index.remove(key)).toBe(false);
    index.add(key, fields);
    expect(index.size).toBe(1);
  });

  it('scores a document matching the rare words of a query above one matching common words', () => {
    const index = FullTextIndex.build([
      ['rare', [{ text: 'kafka rebalance storm after rolling restart', weight: 1 }]],
      ['common', [{ text: 'the service had an error after the deploy of the service', weight: 1 }]],
      ...corpus(200, 4),
    ]);
    const terms = index.queryTerms([{ text: 'service error during kafka rebalance', weight: 1 }]);
    const hits = index.search(terms, 2);
    expect(hits[0].key).toBe('rare');
    expect(hits[0].matched.map((i) => terms[i].word)).toEqual(expect.arrayContaining(['kafka', 'rebalance']));
  });

  it('leaves words in most documents out of queries, and unknown words too', () => {
    const docs = corpus(2000, 6);
    docs.forEach(([, fields]) => fields.push({ text: 'boilerplate', weight: 1 }));
    const index = FullTextIndex.build(docs);
    const words = index.queryTerms([{ text: 'boilerplate zyzzyva kafka', weight: 1 }]).map((t) => t.word);
    expect(words).toEqual(['kafka']);
  });

  it('restored without its postings, answers for the terms whose blocks are filled in, and only those', () => {
    const built = FullTextIndex.build(corpus(3000, 4));
    const { head, blocks } = structuredClone(built.snapshot());
    expect(blocks.length).toBeGreaterThan(3);
    const index = FullTextIndex.restore(head)!;
    expect(index.complete).toBe(false);
    const gen = new ProseGenerator(7);
    for (let q = 0; q < 10; q++) {
      const query = queryOf(gen);
      const terms = index.queryTerms(query, 16);
      const need = index.missingBlocks(terms.map((t) => t.termId));
      if (need.length) expect(() => index.search(terms, 10)).toThrow();
      for (const b of need) expect(index.fill(b, blocks[b])).toBe(true);
      expect(index.missingBlocks(terms.map((t) => t.termId))).toEqual([]);
      expect(rows(index, query, 10)).toEqual(rows(built, query, 10));
    }
    expect(index.complete).toBe(false);
    expect(() => index.remove('doc-4-0')).toThrow();
    for (const b of index.missingBlocks()) index.fill(b, blocks[b]);
    expect(index.complete).toBe(true);
    expect(index.remove('doc-4-0')).toBe(true);
  });

  it('takes no block that does not fit its head: another length, documents out of order or out of range', () => {
    const { head, blocks } = FullTextIndex.build(corpus(1000, 5)).snapshot();
    const index = FullTextIndex.restore(head)!;
    const b = blocks[1];
    const reversed = { docs: b.docs.slice().reverse(), tfs: b.tfs };
    const beyond = { docs: b.docs.map((d, i) => (i === b.docs.length - 1 ? 1000 : d)), tfs: b.tfs };
    for (const wrong of [blocks[0], { docs: b.docs.slice(1), tfs: b.tfs.slice(1) }, reversed, beyond, { docs: Array.from(b.docs), tfs: b.tfs }]) {
      expect(index.fill(1, wrong as typeof b)).toBe(false);
    }
    expect(index.fill(blocks.length, b)).toBe(false);
    expect(index.fill(1, b)).toBe(true);
    // Restored with its blocks, every one must fit.
    expect(FullTextIndex.restore(head, blocks.slice(1))).toBeNull();
    expect(FullTextIndex.restore(head, [blocks[1], ...blocks.slice(1)])).toBeNull();
    expect(FullTextIndex.restore(head, blocks)!.complete).toBe(true);
  });

  it('restored, looks its terms up as the built index does, before and after documents are added', () => {
    const docs = corpus(1500, 8);
    const built = FullTextIndex.build(docs.slice(0, 1000));
    const { head, blocks } = structuredClone(built.snapshot());
    const index = FullTextIndex.restore(head, blocks)!;
    const gen = new ProseGenerator(12);
    const queries = Array.from({ length: 10 }, () => [...queryOf(gen), { text: 'zyzzyva kafka', weight: 2 }]);
    for (const query of queries) expect(index.queryTerms(query, 16)).toEqual(built.queryTerms(query, 16));
    for (const [key, fields] of docs.slice(1000)) {
      index.add(key, fields);
      built.add(key, fields);
    }
    for (const query of queries) expect(rows(index, query, 10)).toEqual(rows(built, query, 10));
    const again = structuredClone(index.snapshot());
    const reloaded = FullTextIndex.restore(again.head, again.blocks)!;
    for (const query of queries) expect(rows(reloaded, query, 10)).toEqual(rows(built, query, 10));
  });

  it('refuses a head stored in the previous form (no sorted term order) or with its terms out of order', () => {
    const { head, blocks } = FullTextIndex.build(corpus(300, 9)).snapshot();
    const { termOrder, ...previous } = head;
    expect(FullTextIndex.restore({ ...previous, version: 2 } as typeof head, blocks)).toBeNull();
    expect(FullTextIndex.restore(previous as typeof head, blocks)).toBeNull();
    const swapped = termOrder.slice();
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(FullTextIndex.restore({ ...head, termOrder: swapped }, blocks)).toBeNull();
    expect(FullTextIndex.restore(head, blocks)).not.toBeNull();
  });
});
