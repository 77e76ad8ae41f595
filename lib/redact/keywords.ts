/**
 * Which of many short keywords occur in a text, case-insensitively, in one pass: an Aho–Corasick
 * automaton over the few characters keywords use, folding ASCII case on the fly. Calling
 * `includes` once per keyword (gitleaks' way) costs milliseconds on a 20,000-character lesson.
 */
export class KeywordSet {
  /** Column of each ASCII character; 0 for every character no keyword uses. */
  private readonly column = new Uint8Array(128);
  private readonly columns: number;
  /** Complete transition table: `next[state * columns + column]`. */
  private readonly next: Int32Array;
  /** Keywords ending at each state, suffixes included. */
  private readonly ends: (number[] | undefined)[];

  constructor(readonly words: readonly string[]) {
    let columns = 1;
    for (const w of words) {
      for (let i = 0; i < w.length; i++) {
        const c = fold(w.charCodeAt(i));
        if (c >= 128) throw new Error('keywords are ASCII');
        if (this.column[c] === 0) this.column[c] = columns++;
      }
    }
    this.columns = columns;
    const goto: Map<number, number>[] = [new Map()];
    const ends: (number[] | undefined)[] = [undefined];
    words.forEach((w, index) => {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const col = this.column[fold(w.charCodeAt(i))];
        let t = goto[s].get(col);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          ends.push(undefined);
          goto[s].set(col, t);
        }
        s = t;
      }
      (ends[s] ??= []).push(index);
    });
    const next = new Int32Array(goto.length * columns);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let col = 0; col < columns; col++) {
      const t = goto[0].get(col) ?? 0;
      next[col] = t;
      if (t) queue.push(t);
    }
    while (queue.length > 0) {
      const s = queue.shift()!;
      const inherited = ends[fail[s]];
      if (inherited) ends[s] = [...(ends[s] ?? []), ...inherited];
      for (let col = 0; col < columns; col++) {
        const t = goto[s].get(col);
        if (t === undefined) next[s * columns + col] = next[fail[s] * columns + col];
        else {
          fail[t] = next[fail[s] * columns + col];
          next[s * columns + col] = t;
          queue.push(t);
        }
      }
    }
    this.next = next;
    this.ends = ends;
  }

  /** Indexes (into `words`) of the keywords found in `text`. */
  found(text: string): Set<number> {
    return new Set(this.where(text, true).keys());
  }

  /** For each keyword found (by index into `words`), where its occurrences start, in order. */
  where(text: string, firstOnly = false): Map<number, number[]> {
    const hits = new Map<number, number[]>();
    const { column, columns, next, ends, words } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      s = next[s * columns + (code < 128 ? column[fold(code)] : 0)];
      const e = ends[s];
      if (e === undefined) continue;
      for (const w of e) {
        const at = hits.get(w);
        if (!at) hits.set(w, [i + 1 - words[w].length]);
        else if (!firstOnly) at.push(i + 1 - words[w].length);
      }
      if (firstOnly && hits.size === words.length) break;
    }
    return hits;
  }
}

function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
