import { describe, expect, it } from 'vitest';
import { isPacked, packStrings, unpackString } from './packed-strings';

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
});
