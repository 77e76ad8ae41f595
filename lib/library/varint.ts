/**
 * Ascending lists of small non-negative integers (slots, run ids) as gaps in LEB128 varints: a
 * posting of a common word costs a byte per lesson instead of four.
 */
export class VarintWriter {
  bytes: Uint8Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  push(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + 5));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  /** The bytes written, in a buffer of their own size. */
  finish(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.length);
  }
}

/** Calls `each` with every value of the gap-coded list in bytes [from, to). */
export function forEachGapped(bytes: Uint8Array, from: number, to: number, each: (value: number) => void): void {
  someGapped(bytes, from, to, (value) => {
    each(value);
    return false;
  });
}

/** Whether `test` holds for any value of the gap-coded list in bytes [from, to); stops at the first. */
export function someGapped(bytes: Uint8Array, from: number, to: number, test: (value: number) => boolean): boolean {
  let at = from;
  let value = 0;
  while (at < to) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++];
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    value += gap;
    if (test(value)) return true;
  }
  return false;
}
