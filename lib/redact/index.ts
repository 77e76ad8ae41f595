/**
 * Finds secrets and personal data in a lesson's text before it is shared. Secret formats come from
 * gitleaks' rule set (see scripts/gitleaks-rules.ts); passwords in URLs, connection strings and
 * sentences, email addresses and phone numbers are our own rules (own-rules.ts).
 *
 * Nothing here logs, throws or returns the matched text: a finding is offsets, a kind and a label.
 */
import { shannonEntropy } from './entropy';
import { GITLEAKS } from './gitleaks-rules.generated';
import type { GeneratedRule, JsRegex } from './gitleaks-types';
import { isPersonal, kindOfRule, labelOf } from './labels';
import { OWN_RULES } from './own-rules';

export { isPersonal, labelOf } from './labels';

export interface Finding {
  /** Offsets into the text, `end` exclusive. */
  start: number;
  end: number;
  /** A stable id: `aws-access-key`, `github-token`, `private-key`, `jwt`, `email`, `phone`, … */
  kind: string;
  /** What a person reads: "AWS access key". */
  label: string;
}

interface Rule {
  kind: string;
  regex: RegExp;
  keywords: string[];
  /** Lower wins when two findings overlap. */
  rank: number;
  /** Capture group of the value; -1: the first non-empty group; 0: the whole match. */
  group: number;
  /** Gitleaks rules that start with `[\w.-]{0,50}?` run without it; the match is widened after. */
  widen: number;
  accept(value: string, match: string, text: string, start: number, end: number): boolean;
}

/** Gitleaks' catch-all rules lose to a rule that knows the format. */
const GENERIC_RANK = 2;
const LEADING_CONTEXT = '[\\w.-]{0,50}?';

function compile(r: JsRegex, extraFlags = ''): RegExp {
  return new RegExp(r.source, r.flags + extraFlags);
}

const GLOBAL_ALLOW = GITLEAKS.allow.regexes.map((r) => compile(r));
const GLOBAL_STOPWORDS = GITLEAKS.allow.stopwords;

function fromGitleaks(g: GeneratedRule): Rule {
  const widen = g.regex.source.startsWith(LEADING_CONTEXT) ? 50 : 0;
  const regex = compile({ source: g.regex.source.slice(widen ? LEADING_CONTEXT.length : 0), flags: g.regex.flags }, 'gd');
  const allowlists = g.allowlists.map((a) => ({ target: a.target, regexes: a.regexes.map((x) => compile(x)), stopwords: a.stopwords }));
  return {
    kind: kindOfRule(g.id),
    regex,
    keywords: g.keywords,
    rank: g.id.startsWith('generic') ? GENERIC_RANK : 0,
    group: g.secretGroup ?? -1,
    widen,
    accept(secret, match, text, start, end) {
      if (g.entropy && shannonEntropy(secret) <= g.entropy) return false;
      if (GLOBAL_ALLOW.some((x) => x.test(secret))) return false;
      const lower = secret.toLowerCase();
      if (GLOBAL_STOPWORDS.some((w) => lower.includes(w))) return false;
      for (const a of allowlists) {
        const target = a.target === 'secret' ? secret : a.target === 'match' ? match : lineAround(text, start, end);
        if (a.regexes.some((x) => x.test(target))) return false;
        if (a.stopwords.length > 0 && a.stopwords.some((w) => lower.includes(w))) return false;
      }
      return true;
    },
  };
}

const RULES: Rule[] = [
  ...GITLEAKS.rules.map(fromGitleaks),
  ...OWN_RULES.map((o) => ({
    kind: o.kind,
    regex: o.regex,
    keywords: o.keywords,
    rank: isPersonal(o.kind) ? 3 : o.kind === 'password-assignment' ? GENERIC_RANK : 1,
    group: o.group,
    widen: 0,
    accept: (value: string, _match: string, text: string, start: number, end: number) => o.accept(value, text, start, end),
  })),
];

/** Every keyword once, with the rules it wakes. */
const BY_KEYWORD = new Map<string, Rule[]>();
const ALWAYS: Rule[] = [];
for (const rule of RULES) {
  if (rule.keywords.length === 0) ALWAYS.push(rule);
  for (const k of rule.keywords) {
    const list = BY_KEYWORD.get(k) ?? [];
    list.push(rule);
    BY_KEYWORD.set(k, list);
  }
}
const KEYWORDS = [...BY_KEYWORD.keys()];

function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to < 0 ? text.length : to);
}

/** Every secret and piece of personal data in `text`, in order, without overlaps. */
export function findSensitive(text: string): Finding[] {
  if (text.length === 0) return [];
  const lower = text.toLowerCase();
  const awake = new Set<Rule>(ALWAYS);
  for (const k of KEYWORDS) {
    if (lower.includes(k)) for (const r of BY_KEYWORD.get(k)!) awake.add(r);
  }
  const raw: (Finding & { rank: number })[] = [];
  for (const rule of awake) runRule(rule, text, raw);
  return resolveOverlaps(raw);
}

function runRule(rule: Rule, text: string, out: (Finding & { rank: number })[]): void {
  const re = rule.regex;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const idx = m.indices!;
    let [vs, ve] = idx[0];
    if (rule.group > 0 && idx[rule.group]) [vs, ve] = idx[rule.group]!;
    else if (rule.group === -1) {
      for (let g = 1; g < idx.length; g++) {
        const span = idx[g];
        if (span && span[1] > span[0]) {
          [vs, ve] = span;
          break;
        }
      }
    }
    // Gitleaks trims newlines from the secret it reports.
    while (ve > vs && text.charCodeAt(ve - 1) === 10) ve--;
    while (vs < ve && text.charCodeAt(vs) === 10) vs++;
    if (ve <= vs) continue;
    let ms = idx[0][0];
    if (rule.widen) {
      const floor = Math.max(0, ms - rule.widen);
      while (ms > floor && /[\w.-]/.test(text[ms - 1])) ms--;
    }
    const match = text.slice(ms, idx[0][1]);
    if (!rule.accept(text.slice(vs, ve), match, text, vs, ve)) continue;
    out.push({ start: vs, end: ve, kind: rule.kind, label: labelOf(rule.kind), rank: rule.rank });
  }
}

function resolveOverlaps(raw: (Finding & { rank: number })[]): Finding[] {
  // Best first: the more specific rule, then the longer span; a finding overlapping a better one goes.
  const best = [...raw].sort((a, b) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: (Finding & { rank: number })[] = [];
  for (const f of best) {
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start).map(({ start, end, kind, label }) => ({ start, end, kind, label }));
}
