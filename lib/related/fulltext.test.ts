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
});
