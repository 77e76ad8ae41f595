import { describe, expect, it } from 'vitest';
import { columnAt, compareAt, findPacked, isColumn, isPacked, isSortedOrder, packColumn, packStrings, sortedOrder, unpackString, type StringColumn } from './packed-strings';

describe('packed strings', () => {
  it('gives back each string, empty and non-ASCII ones too', () => {
    const list = ['0190a000-0000-7000-8000-000000000001', '', 'naïve 😀', '2024-01-01T00:00:00.000+02:00', '\n'];
    const packed = packStrings(list.length, (i) => list[i]);
    expect(list.map((_, i) => unpackString(packed, i))).toEqual(list);
    expect(isPacked(structuredClone(packed), list.length)).toBe(true);
  });

  it('tells a packing that does not hold the count given, or whose ends overrun its text', () => {
    const packed = packStrings(3, (i) => `id-${i}`);
    expect(isPacked(packed, 2)).toBe(false);
    expect(isPacked({ text: packed.text.slice(1), ends: packed.ends }, 3)).toBe(false);
    expect(isPacked(packStrings(0, () => ''), 0)).toBe(true);
    expect(isPacked({ text: 'x', ends: new Uint32Array(0) }, 0)).toBe(false);
  });

  it('packs a column in the densest form that gives every string back exactly', () => {
    const cases: Array<[string[], string]> = [
      [['0190a000-0000-7000-8000-000000000001', 'ffffffff-abcd-4ef0-9123-456789abcdef', '00000000-0000-4000-8000-00000000000a'], 'uuids'],
      [['2024-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '2024-01-01T00:00:00.000Z'], 'ms'],
      // Ids not made by the extension, uppercase hex, timestamps toISOString would write otherwise: as text.
      [['0190a000-0000-7000-8000-000000000001', 'imported-1'], 'text'],
      [['0190A000-0000-7000-8000-000000000001'], 'text'],
      [['2024-01-01T00:00:00Z'], 'text'],
      [['2024-01-01T00:00:00.000+02:00'], 'text'],
      [['2024-02-30T00:00:00.000Z'], 'text'],
      [[], 'text'],
    ];
    for (const [list, form] of cases) {
      const column = structuredClone(packColumn(list.length, (i) => list[i]));
      expect(form in column, list.join()).toBe(true);
      expect(isColumn(column, list.length)).toBe(true);
      expect(list.map((_, i) => columnAt(column, i))).toEqual(list);
      for (let i = 0; i < list.length; i++) {
        for (let j = 0; j < list.length; j++) expect(Math.sign(compareAt(column, i, j))).toBe(list[i] < list[j] ? -1 : list[i] > list[j] ? 1 : 0);
      }
    }
  });

  it('tells a column that does not hold the count given, or holds no instant', () => {
    const ids = packColumn(2, (i) => `0190a000-0000-7000-8000-00000000000${i}`);
    expect(isColumn(ids, 3)).toBe(false);
    expect(isColumn({ uuids: new Uint8Array(31) }, 2)).toBe(false);
    expect(isColumn({ ms: Float64Array.of(0, Number.NaN) }, 2)).toBe(false);
    expect(isColumn({ ms: [0, 1] } as unknown as StringColumn, 2)).toBe(false);
    expect(isColumn(null as unknown as StringColumn, 0)).toBe(false);
  });

  it('finds every string through its sorted order, and no other string', () => {
    const list = ['kafka', 'b', 'ab', 'a', '', 'naïve', 'Zed', 'abc', 'z😀'];
    const packed = packStrings(list.length, (i) => list[i]);
    const order = structuredClone(sortedOrder(packed));
    expect(isSortedOrder(packed, order)).toBe(true);
    list.forEach((s, i) => expect(findPacked(packed, order, s)).toBe(i));
    for (const absent of ['aa', 'abcd', 'kafk', 'Z', 'zz', 'naive', ' ']) expect(findPacked(packed, order, absent)).toBe(-1);
  });

  it('refuses an order that misses a string, repeats one, is out of range or not sorted', () => {
    const packed = packStrings(4, (i) => ['d', 'b', 'a', 'c'][i]);
    const order = sortedOrder(packed);
    expect(Array.from(order)).toEqual([2, 1, 3, 0]);
    for (const wrong of [[2, 1, 3], [2, 1, 1, 0], [2, 1, 3, 4], [1, 2, 3, 0]]) expect(isSortedOrder(packed, Uint32Array.from(wrong))).toBe(false);
    expect(isSortedOrder(packed, [2, 1, 3, 0] as unknown as Uint32Array)).toBe(false);
  });
});
