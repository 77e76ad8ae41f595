/**
 * Similarity of expected context to the text actually found beside a match, in [0, 1]:
 * 1 - (edit distance between `want` and the best-fitting start of `have`) / want.length.
 * The alignment is pinned to the start of `have` (the side touching the quote) and free at its
 * far end, so words inserted or removed further away cost only what they change.
 */
export function headSimilarity(want: string, have: string): number {
  return similarity(want, have, false);
}

/** As `headSimilarity`, pinned to the end of `have` (for a prefix, which ends at the quote). */
export function tailSimilarity(want: string, have: string): number {
  return similarity(want, have, true);
}

function similarity(want: string, have: string, fromEnd: boolean): number {
  const m = want.length;
  const n = have.length;
  if (m === 0) return n === 0 ? 1 : 0.5;
  if (n === 0) return 0;
  const at = (s: string, len: number, i: number): number => s.charCodeAt(fromEnd ? len - 1 - i : i);
  // Row i of the edit-distance table between want[0..i) and have[0..j).
  let prev = new Uint16Array(n + 1);
  let cur = new Uint16Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = at(want, m, i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (c === at(have, n, j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let best = m;
  for (let j = 0; j <= n; j++) if (prev[j] < best) best = prev[j];
  return 1 - best / m;
}
