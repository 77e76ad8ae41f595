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
import { KeywordSet } from './keywords';
import { isPersonal, kindOfRule, labelOf } from './labels';
import { isIdentifier, isResourcePath, OWN_RULES } from './own-rules';

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
  anchor?: { char: string; before: RegExp; back: number };
  /** Words every match starts with (see own-rules.ts); `regex` is then sticky. */
  starts?: string[];
  accept(value: string, match: string, text: string, start: number, end: number): boolean;
}

/** Gitleaks' catch-all rules lose to a rule that knows the format. */
const GENERIC_RANK = 2;
/**
 * Gitleaks' catch-all rule, once its leading `[\w.-]{0,50}?` is gone, starts with one of its
 * keywords; trying it only there makes it twenty times cheaper on a long lesson.
 */
const STARTS_WITH_KEYWORD = new Set(['generic-api-key']);
const LEADING_CONTEXT = '[\\w.-]{0,50}?';

/**
 * Gitleaks ends most rules with "then a quote, a space, a semicolon or the end", which fits code.
 * In a sentence a token is as often followed by a full stop, a comma or a bracket.
 */
const CODE_END = /\(\?:\[\\x60'"\\s;\]\|\\\\\[n(?:N)?r(?:R)?\]\|\$\)/g;
const PROSE_END = `(?:[\\x60'"\\s;.,:!?)\\]}>|]|\\\\[nNrR]|$)`;

function compile(r: JsRegex, extraFlags = ''): RegExp {
  return new RegExp(r.source, r.flags + extraFlags);
}

const GLOBAL_STOPWORDS = GITLEAKS.allow.stopwords;

function fromGitleaks(g: GeneratedRule, globalAllow: RegExp[]): Rule {
  const generic = g.id.startsWith('generic');
  let source = g.regex.source;
  let widen = 0;
  // Some rules repeat it inside their first group: `[\w.-]{0,50}?(?:[\w.-]{0,50}?(?:okta)…`.
  for (const lead of [LEADING_CONTEXT, `(?:${LEADING_CONTEXT}`]) {
    if (!source.startsWith(lead)) continue;
    source = lead.startsWith('(?:') ? '(?:' + source.slice(lead.length) : source.slice(lead.length);
    widen += 50;
  }
  source = source.replace(CODE_END, PROSE_END);
  const starts = STARTS_WITH_KEYWORD.has(g.id) ? g.keywords : undefined;
  const regex = compile({ source, flags: g.regex.flags }, starts ? 'yd' : 'gd');
  const allowlists = g.allowlists.map((a) => ({
    target: a.target,
    regexes: a.regexes.map((x) => compile(x)),
    stopwords: a.stopwords.length > 0 ? new KeywordSet(a.stopwords) : null,
  }));
  return {
    kind: kindOfRule(g.id),
    regex,
    keywords: g.keywords,
    rank: generic ? GENERIC_RANK : 0,
    group: g.secretGroup ?? -1,
    widen,
    starts,
    accept(secret, match, text, start, end) {
      if (g.entropy && shannonEntropy(secret) <= g.entropy) return false;
      // Command lines and docs in lessons are full of `--key=SomeName` and `key: org/123`.
      if (generic && (isIdentifier(secret) || isResourcePath(secret))) return false;
      if (globalAllow.some((x) => x.test(secret))) return false;
      const lower = secret.toLowerCase();
      if (GLOBAL_STOPWORDS.some((w) => lower.includes(w))) return false;
      for (const a of allowlists) {
        const target = a.target === 'secret' ? secret : a.target === 'match' ? match : lineAround(text, start, end);
        if (a.regexes.some((x) => x.test(target))) return false;
        if (a.stopwords && a.stopwords.found(secret).size > 0) return false;
      }
      return true;
    },
  };
}

interface Tables {
  /** Rules without keywords: tried on every text. */
  always: Rule[];
  /** Every keyword once, with the rules it wakes. */
  byKeyword: Map<string, Rule[]>;
  keywords: KeywordSet;
  starts: Map<Rule, number[]>;
}

let tables: Tables | null = null;

/**
 * Built at the first search, not as the module loads: compiling gitleaks' rules and their keyword
 * automata took about a quarter of evaluating the background worker's bundle, which runs on every
 * wake (issue #17) while a search runs only when a lesson is shared or imported.
 */
function ruleTables(): Tables {
  if (tables) return tables;
  const globalAllow = GITLEAKS.allow.regexes.map((r) => compile(r));
  const rules: Rule[] = [
    ...GITLEAKS.rules.map((g) => fromGitleaks(g, globalAllow)),
    ...OWN_RULES.map((o) => ({
      kind: o.kind,
      regex: o.starts ? new RegExp(o.regex.source, o.regex.flags.replace('g', 'y')) : o.regex,
      keywords: o.keywords,
      starts: o.starts,
      rank: isPersonal(o.kind) ? 3 : o.kind === 'password-assignment' ? GENERIC_RANK : 1,
      group: o.group,
      widen: 0,
      anchor: o.anchor,
      accept: (value: string, _match: string, text: string, start: number, end: number) => o.accept(value, text, start, end),
    })),
  ];
  const byKeyword = new Map<string, Rule[]>();
  const always: Rule[] = [];
  for (const rule of rules) {
    if (rule.keywords.length === 0) always.push(rule);
    for (const k of rule.keywords) {
      const list = byKeyword.get(k) ?? [];
      list.push(rule);
      byKeyword.set(k, list);
    }
  }
  for (const rule of rules) for (const w of rule.starts ?? []) if (!byKeyword.has(w)) byKeyword.set(w, []);
  const keywords = new KeywordSet([...byKeyword.keys()]);
  const starts = new Map<Rule, number[]>(rules.filter((r) => r.starts).map((r) => [r, r.starts!.map((w) => keywords.words.indexOf(w))]));
  return (tables = { always, byKeyword, keywords, starts });
}

function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to < 0 ? text.length : to);
}

/** Every secret and piece of personal data in `text`, in order, without overlaps. */
export function findSensitive(text: string): Finding[] {
  if (text.length === 0) return [];
  const { always, byKeyword, keywords, starts } = ruleTables();
  const awake = new Set<Rule>(always);
  const where = keywords.where(text);
  for (const i of where.keys()) for (const r of byKeyword.get(keywords.words[i])!) awake.add(r);
  const raw: (Finding & { rank: number })[] = [];
  for (const rule of awake) runRule(rule, text, raw, where, starts.get(rule));
  return resolveOverlaps(raw);
}

function runRule(rule: Rule, text: string, out: (Finding & { rank: number })[], where: Map<number, number[]>, starts: number[] | undefined): void {
  const re = rule.regex;
  re.lastIndex = 0;
  if (starts) {
    const at = starts.flatMap((i) => where.get(i) ?? []).sort((a, b) => a - b);
    let done = 0;
    for (const p of at) {
      if (p < done) continue;
      re.lastIndex = p;
      const m = re.exec(text);
      if (!m) continue;
      done = p + m[0].length;
      take(rule, m, text, out);
    }
    return;
  }
  if (!rule.anchor) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) re.lastIndex++;
      else take(rule, m, text, out);
    }
    return;
  }
  const { char, before, back } = rule.anchor;
  let done = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, Math.max(at + 1, done))) {
    let from = at;
    while (from > done && at - from < back && before.test(text[from - 1])) from--;
    for (; from <= at; from++) {
      re.lastIndex = from;
      const m = re.exec(text);
      if (!m) continue;
      done = from + m[0].length;
      take(rule, m, text, out);
      break;
    }
  }
}

function take(rule: Rule, m: RegExpExecArray, text: string, out: (Finding & { rank: number })[]): void {
  {
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
    if (ve <= vs) return;
    let ms = idx[0][0];
    if (rule.widen) {
      const floor = Math.max(0, ms - rule.widen);
      while (ms > floor && /[\w.-]/.test(text[ms - 1])) ms--;
    }
    const match = text.slice(ms, idx[0][1]);
    if (!rule.accept(text.slice(vs, ve), match, text, vs, ve)) return;
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
