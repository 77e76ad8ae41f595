/**
 * Many short strings (lesson ids, timestamps) as one string and where each ends: stored and loaded
 * as two values, not one per string, and a string is only made when it is asked for.
 */
export interface PackedStrings {
  text: string;
  ends: Uint32Array<ArrayBuffer>;
}

export function packStrings(count: number, at: (i: number) => string): PackedStrings {
  const parts: string[] = new Array(count);
  const ends = new Uint32Array(count);
  let end = 0;
  for (let i = 0; i < count; i++) {
    parts[i] = at(i);
    end += parts[i].length;
    ends[i] = end;
  }
  return { text: parts.join(''), ends };
}

export function unpackString(p: PackedStrings, i: number): string {
  return p.text.slice(i === 0 ? 0 : p.ends[i - 1], p.ends[i]);
}

/** Whether `p` holds `count` strings that fit its text. */
export function isPacked(p: PackedStrings, count: number): boolean {
  return p.ends.length === count && (count === 0 ? p.text.length === 0 : p.ends[count - 1] === p.text.length);
}
