/**
 * How a quote differs from a stretch of text, beyond how much: scattered typos (a letter lost here
 * and there) leave the passage what it was, while one changed stretch ("reading" where the saved
 * quote said "writing", the `{Promise}` form where it was the sync form) makes it another passage,
 * however small a share of the characters that stretch is.
 */
export interface Damage {
  /** Edits turning the quote into the text (Levenshtein distance). */
  errors: number;
  /** Characters of the quote spanned by its largest cluster of edits (see CLUSTER_GAP). */
  run: number;
  /** Where each quote offset 0..quote.length lies in the text (for boundaries inside a match). */
  at(offset: number): number;
}

/** Edits with at most this many intact characters between them belong to one changed stretch. */
const CLUSTER_GAP = 1;
/** Above this many cells the alignment is skipped and the damage counted as scattered. */
const MAX_CELLS = 4_000_000;

const MATCH = 0;
const SUB = 1;
const DEL = 2; // a quote character missing from the text
const INS = 3; // a text character the quote lacks

/** Aligns the whole quote with the whole of `text` and measures its edits' clustering. */
export function damage(quote: string, text: string): Damage {
  const m = quote.length;
  const n = text.length;
  if ((m + 1) * (n + 1) > MAX_CELLS) return { errors: Math.abs(m - n), run: 0, at: (o) => Math.round((o * n) / Math.max(1, m)) };
  const w = n + 1;
  const move = new Uint8Array((m + 1) * w);
  let prev = new Uint32Array(w);
  let cur = new Uint32Array(w);
  for (let j = 0; j <= n; j++) {
    prev[j] = j;
    move[j] = INS;
  }
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    move[i * w] = DEL;
    const c = quote.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const same = c === text.charCodeAt(j - 1);
      let best = prev[j - 1] + (same ? 0 : 1);
      let how = same ? MATCH : SUB;
      if (prev[j] + 1 < best) [best, how] = [prev[j] + 1, DEL];
      if (cur[j - 1] + 1 < best) [best, how] = [cur[j - 1] + 1, INS];
      cur[j] = best;
      move[i * w + j] = how;
    }
    [prev, cur] = [cur, prev];
  }
  const errors = prev[n];
  // Walk back: text offset of every quote offset, and the quote offsets where edits fall.
  const where = new Int32Array(m + 1);
  const edits: number[] = [];
  let i = m;
  let j = n;
  where[m] = n;
  while (i > 0 || j > 0) {
    const how = move[i * w + j];
    if (how === MATCH || how === SUB) {
      if (how === SUB) edits.push(i - 1);
      i--;
      j--;
      where[i] = j;
    } else if (how === DEL) {
      edits.push(i - 1);
      i--;
      where[i] = j;
    } else {
      edits.push(i);
      j--;
      where[i] = j;
    }
  }
  edits.reverse();
  let run = 0;
  for (let k = 0; k < edits.length; ) {
    let last = k;
    while (last + 1 < edits.length && edits[last + 1] - edits[last] <= CLUSTER_GAP + 1) last++;
    run = Math.max(run, edits[last] - edits[k] + 1, last - k + 1);
    k = last + 1;
  }
  return { errors, run, at: (o) => where[Math.max(0, Math.min(m, o))] };
}
