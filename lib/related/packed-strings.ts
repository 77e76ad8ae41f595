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
  return p.text.slice(startOf(p, i), p.ends[i]);
}

/** Whether `p` holds `count` strings that fit its text. */
export function isPacked(p: PackedStrings, count: number): boolean {
  return p.ends.length === count && (count === 0 ? p.text.length === 0 : p.ends[count - 1] === p.text.length);
}

/**
 * A column of strings in the densest form that gives every one back exactly: lesson ids made by
 * the extension (lowercase UUIDs) as 16 bytes each, timestamps in the form `toISOString` writes
 * as milliseconds, anything else packed as text. A wake reads the column from IndexedDB, and
 * fewer bytes read sooner.
 */
export type StringColumn = { uuids: Uint8Array<ArrayBuffer> } | { ms: Float64Array<ArrayBuffer> } | PackedStrings;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DASH = 45;
/** A lowercase hex digit's value (the UUID pattern admits no other). */
const hexDigit = (c: number) => (c <= 57 ? c - 48 : c - 87);
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function packColumn(count: number, at: (i: number) => string): StringColumn {
  const values: string[] = new Array(count);
  let uuids = true;
  let times = true;
  for (let i = 0; i < count; i++) {
    const s = (values[i] = at(i));
    uuids &&= UUID.test(s);
    times &&= !uuids && isoMs(s) !== null;
  }
  if (uuids && count > 0) {
    const bytes = new Uint8Array(count * 16);
    values.forEach((s, i) => {
      for (let k = 0, b = i * 16; k < 36; k += 2) {
        if (s.charCodeAt(k) === DASH) k++;
        bytes[b++] = (hexDigit(s.charCodeAt(k)) << 4) | hexDigit(s.charCodeAt(k + 1));
      }
    });
    return { uuids: bytes };
  }
  if (times && count > 0) return { ms: Float64Array.from(values, (s) => isoMs(s)!) };
  return packStrings(count, (i) => values[i]);
}

export function columnAt(c: StringColumn, i: number): string {
  if ('uuids' in c) {
    const b = c.uuids;
    const o = i * 16;
    const h = (from: number, to: number) => {
      let s = '';
      for (let k = o + from; k < o + to; k++) s += HEX[b[k]];
      return s;
    };
    return `${h(0, 4)}-${h(4, 6)}-${h(6, 8)}-${h(8, 10)}-${h(10, 16)}`;
  }
  if ('ms' in c) return new Date(c.ms[i]).toISOString();
  return unpackString(c, i);
}

/** How strings `i` and `j` of the column compare, as the strings themselves would, without making them where the form allows. */
export function compareAt(c: StringColumn, i: number, j: number): number {
  if ('uuids' in c) {
    // Lowercase hex digits sort as the bytes they spell, and the dashes stand at the same places.
    const b = c.uuids;
    for (let k = 0; k < 16; k++) if (b[i * 16 + k] !== b[j * 16 + k]) return b[i * 16 + k] - b[j * 16 + k];
    return 0;
  }
  // Timestamps of four-digit years, all of one length, sort as their instants.
  if ('ms' in c) return c.ms[i] - c.ms[j];
  return compareSlices(c, i, j);
}

/** Per string of column `c`, where it falls among them all: equal strings alike, one more for each greater one. */
export function rankOf(c: StringColumn, count: number): Uint32Array<ArrayBuffer> {
  const sorted = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => compareAt(c, a, b));
  const rank = new Uint32Array(count);
  for (let i = 1; i < count; i++) rank[sorted[i]] = rank[sorted[i - 1]] + (compareAt(c, sorted[i - 1], sorted[i]) === 0 ? 0 : 1);
  return rank;
}

/** A stored Uint32Array of the length expected: what a restore checks before using it. */
export function isSized(a: Uint32Array, length: number): boolean {
  return a instanceof Uint32Array && a.length === length;
}

/** Whether `rank` (from `rankOf`) gives each of `count` strings a place below `count`. */
export function isRank(rank: Uint32Array, count: number): boolean {
  if (!isSized(rank, count)) return false;
  for (let i = 0; i < count; i++) if (rank[i] >= count) return false;
  return true;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `c` holds `count` strings in one of its forms. */
export function isColumn(c: StringColumn, count: number): boolean {
  if (typeof c !== 'object' || c === null) return false;
  if ('uuids' in c) return c.uuids instanceof Uint8Array && c.uuids.length === count * 16;
  if ('ms' in c) return c.ms instanceof Float64Array && c.ms.length === count && allFinite(c.ms);
  return typeof c.text === 'string' && c.ends instanceof Uint32Array && isPacked(c, count);
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/** The milliseconds of a timestamp `toISOString` would write back exactly as it is; null for any other string. */
function isoMs(s: string): number | null {
  if (s.length !== 24 || s[23] !== 'Z') return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) && new Date(ms).toISOString() === s ? ms : null;
}

/**
 * A packed list's string numbers in the order of the strings: a string is found by binary search
 * (`findPacked`), so a loaded list needs no map of all its strings (at 100,000 lessons, building
 * the term and work item maps took most of a wake's restore).
 */
export function sortedOrder(p: PackedStrings): Uint32Array<ArrayBuffer> {
  const strings = Array.from(p.ends, (_, i) => unpackString(p, i));
  return Uint32Array.from(strings.keys()).sort((a, b) => compareStrings(strings[a], strings[b]));
}

/** Whether `order` numbers each of the strings of `p` once, in strictly ascending order of the strings. */
export function isSortedOrder(p: PackedStrings, order: Uint32Array): boolean {
  const count = p.ends.length;
  if (!(order instanceof Uint32Array) || order.length !== count) return false;
  for (let i = 0; i < count; i++) if (order[i] >= count) return false;
  for (let i = 1; i < count; i++) if (compareSlices(p, order[i - 1], order[i]) >= 0) return false;
  return true;
}

/** The number of string `s` in `p`, found through its sorted order; -1 when it is not there. */
export function findPacked(p: PackedStrings, order: Uint32Array, s: string): number {
  let [from, to] = [0, order.length];
  while (from < to) {
    const mid = (from + to) >>> 1;
    const c = compareWith(p, order[mid], s);
    if (c === 0) return order[mid];
    if (c < 0) from = mid + 1;
    else to = mid;
  }
  return -1;
}

function startOf(p: PackedStrings, i: number): number {
  return i === 0 ? 0 : p.ends[i - 1];
}

/** String `i` of `p` against `s`, as `compareStrings` would, without making the string. */
function compareWith(p: PackedStrings, i: number, s: string): number {
  return compareRuns(p.text, startOf(p, i), p.ends[i], s, 0, s.length);
}

function compareSlices(p: PackedStrings, i: number, j: number): number {
  return compareRuns(p.text, startOf(p, i), p.ends[i], p.text, startOf(p, j), p.ends[j]);
}

/** `a.slice(aFrom, aTo)` against `b.slice(bFrom, bTo)` by UTF-16 code units, as `compareStrings`. */
function compareRuns(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): number {
  const n = Math.min(aTo - aFrom, bTo - bFrom);
  for (let k = 0; k < n; k++) {
    const d = a.charCodeAt(aFrom + k) - b.charCodeAt(bFrom + k);
    if (d !== 0) return d;
  }
  return aTo - aFrom - (bTo - bFrom);
}
