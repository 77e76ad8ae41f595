import { describe, expect, it } from 'vitest';
import { forEachWord, stem, termOf } from './tokenize';
import { WordTable } from './words';

const words = (text: string) => {
  const out: string[] = [];
  forEachWord(text, (w) => out.push(w));
  return out;
};

describe('forEachWord', () => {
  it('splits on anything but letters and digits, lower-cases, and skips single characters', () => {
    expect(words('Checkout-Service returned HTTP 502 (x) after 3 retries; #flaky-tests')).toEqual([
      'checkout', 'service', 'returned', 'http', '502', 'after', 'retries', 'flaky', 'tests',
    ]);
  });

  it('keeps letters outside ASCII inside their word', () => {
    expect(words('Größe überschritten — naïve café 𝒳y')).toEqual(['größe', 'überschritten', 'naïve', 'café', '𝒳y']);
  });
});

describe('stem', () => {
  it('brings inflections of a word together', () => {
    const groups = [
      ['exhausted', 'exhaustion', 'exhausts', 'exhausting'],
      ['connection', 'connections', 'connected', 'connecting'],
      ['retries', 'retry', 'retried'],
      ['cache', 'caches', 'cached', 'caching'],
      ['configure', 'configured', 'configuration', 'configurations'],
      ['drop', 'dropped', 'dropping', 'drops'],
      ['partition', 'partitioned', 'partitions'],
      ['502', '502s'],
    ];
    for (const group of groups) expect(new Set(group.map(stem)), group.join(' ')).toHaveLength(1);
  });

  it('leaves short words and words ending in -ss, -us, -is alone', () => {
    expect(['ci', 'bus', 'status', 'process', 'analysis', 'need'].map(stem)).toEqual(['ci', 'bus', 'status', 'process', 'analysis', 'need']);
  });

  it('drops stop words', () => {
    expect(termOf('the')).toBeNull();
    expect(termOf('after')).toBeNull();
    expect(termOf('timeouts')).toBe('timeout');
  });
});

describe('WordTable', () => {
  it('gives the same terms as forEachWord and termOf, for ASCII and other text alike', () => {
    const text = 'The Checkout service RETURNED 502s; Größe überschritten, café-timeouts and caching CACHED x y';
    const ids = new Map<string, number>();
    const names: string[] = [];
    const resolve = (term: string) => {
      if (!ids.has(term)) {
        ids.set(term, names.length);
        names.push(term);
      }
      return ids.get(term)!;
    };
    const table = new WordTable();
    for (let round = 0; round < 2; round++) {
      const got: string[] = [];
      table.scan(text, resolve, (id) => got.push(names[id]));
      expect(got).toEqual(words(text).map(termOf).filter((t) => t !== null));
    }
  });

  it('does not remember words whose terms it was told are unknown', () => {
    const table = new WordTable();
    const seen: number[] = [];
    table.scan('alpha beta', () => -1, (id) => seen.push(id));
    table.scan('alpha beta', (t) => (t === 'alpha' ? 7 : -1), (id) => seen.push(id));
    expect(seen).toEqual([7]);
  });
});
