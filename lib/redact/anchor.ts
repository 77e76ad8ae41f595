/**
 * Finding a passage again after its secret was redacted: the stored quote reads
 * "token [redacted: GitHub token] in CI" while the page still shows the token. The literal parts
 * of the quote must appear in order with something in each gap, checked first at the stored
 * position, then anywhere the stored context (prefix, suffix) agrees.
 */
const MARK = /\[redacted: [^\]\n]{1,80}\]/g;
/** Longest text a redaction may stand for (a private key block is a few thousand characters). */
const MAX_GAP = 8000;
const CONTEXT = 24;
const MAX_CANDIDATES = 20;

export function hasRedaction(exact: string): boolean {
  MARK.lastIndex = 0;
  return MARK.test(exact);
}

export interface RedactedQuery {
  exact: string;
  prefix?: string;
  suffix?: string;
  hint?: number;
  drift?: number;
}

export interface RedactedMatch {
  start: number;
  end: number;
  score: number;
}

function literal(s: string): string {
  return s
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}

export function matchRedacted(text: string, query: RedactedQuery): RedactedMatch | null {
  const pieces = query.exact.split(MARK);
  const gap = `[\\s\\S]{1,${MAX_GAP}}?`;
  const body = pieces.map((p) => (p.trim() ? `\\s*${literal(p)}\\s*` : '')).join(gap);
  const solid = pieces.join('').replace(/\s/g, '').length;
  const prefix = (query.prefix ?? '').slice(-CONTEXT);
  const suffix = (query.suffix ?? '').slice(0, CONTEXT);
  // A quote that is all redaction says nothing by itself: its context must hold it in place.
  const needsContext = solid < 8;
  const source = needsContext ? `(?<=${literal(prefix) || '^'}\\s*)(${body})(?=\\s*${literal(suffix) || '$'})` : `(${body})`;
  if (needsContext && !prefix.trim() && !suffix.trim()) return null;
  const trimmed = (m: RegExpExecArray): [number, number] => {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return [start, end];
  };

  if (query.hint !== undefined) {
    const sticky = new RegExp(source, 'y');
    for (const at of new Set([query.hint + (query.drift ?? 0), query.hint])) {
      if (at < 0 || at > text.length) continue;
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m) {
        const [start, end] = trimmed(m);
        return { start, end, score: 1 };
      }
    }
  }

  const all = new RegExp(source, 'g');
  const found: RedactedMatch[] = [];
  for (let m = all.exec(text); m && found.length < MAX_CANDIDATES; m = all.exec(text)) {
    const [start, end] = trimmed(m);
    const before = text.slice(Math.max(0, start - CONTEXT - 8), start).replace(/\s+/g, ' ').trim();
    const after = text.slice(end, end + CONTEXT + 8).replace(/\s+/g, ' ').trim();
    const p = prefix.replace(/\s+/g, ' ').trim();
    const s = suffix.replace(/\s+/g, ' ').trim();
    const context = ((!p || before.endsWith(p.slice(-12)) ? 1 : 0) + (!s || after.startsWith(s.slice(0, 12)) ? 1 : 0)) / 2;
    found.push({ start, end, score: 0.6 + 0.3 * context });
    if (m[0].length === 0) all.lastIndex++;
  }
  if (found.length === 0) return null;
  found.sort((a, b) => b.score - a.score || Math.abs(a.start - (query.hint ?? 0)) - Math.abs(b.start - (query.hint ?? 0)));
  // Refuse a guess: several places fit as well as the best, and the context does not single it out.
  if (found.length > 1 && found[1].score === found[0].score && found[0].score < 0.9) return null;
  return found[0];
}
