/**
 * Context similarity, in [0, 1]: 1 - (edit distance between the expected context and the best
 * fitting stretch of text beside a match) / its length. The stretch is pinned to the side touching
 * the quote and free at its far end, so words inserted or removed further away cost only what
 * they change.
 */
export function headSimilarity(want: string, have: string): number {
  if (!want) return have ? 0.5 : 1;
  return 1 - distancesByStart(want, have)[0] / want.length;
}

/** As `headSimilarity`, pinned to the end of `have` (for a prefix, which ends at the quote). */
export function tailSimilarity(want: string, have: string): number {
  if (!want) return have ? 0.5 : 1;
  return 1 - distancesByEnd(want, have)[have.length] / want.length;
}

/** For every j in 0..text.length: fewest edits turning `pattern` into some text[i..j) (Sellers). */
export function distancesByEnd(pattern: string, text: string): Uint16Array {
  return sellers(pattern, text, false);
}

/** For every j in 0..text.length: fewest edits turning `pattern` into some text[j..k). */
export function distancesByStart(pattern: string, text: string): Uint16Array {
  return sellers(pattern, text, true).reverse();
}

function sellers(pattern: string, text: string, backwards: boolean): Uint16Array {
  const m = pattern.length;
  const n = text.length;
  const p = (i: number) => pattern.charCodeAt(backwards ? m - 1 - i : i);
  const t = (j: number) => text.charCodeAt(backwards ? n - 1 - j : j);
  // Row i holds, per text position j, the distance of pattern[0..i) to the best stretch ending at j.
  let prev = new Uint16Array(n + 1);
  let cur = new Uint16Array(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = p(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (c === t(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev;
}
