// Turns gitleaks' rule set (scripts/gitleaks-rules.toml, a copy of gitleaks' config/gitleaks.toml,
// MIT, © Zachary Rice) into lib/redact/gitleaks-rules.generated.ts, which the detector loads.
//
// To bring the rules up to date: copy the newest config/gitleaks.toml from the gitleaks repository
// over scripts/gitleaks-rules.toml, put its version and commit in GITLEAKS_VERSION below, then run
//   npx tsx scripts/gitleaks-rules.ts
// and `npx vitest run lib/redact` (the tests check every rule compiles and the generated file is
// current). A rule whose Go syntax this translator does not know stops the run with its id.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import type { GeneratedAllowlist, GeneratedRule, GeneratedRules, JsRegex } from '../lib/redact/gitleaks-types';

export const GITLEAKS_VERSION = 'v8.30.0-27-gb58d3f10 (commit b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b, 2026-07-22)';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const TOML_PATH = `${HERE}gitleaks-rules.toml`;
export const OUT_PATH = `${HERE}../lib/redact/gitleaks-rules.generated.ts`;

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\t\\n\\v\\f\\r ',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * Translates a Go RE2 pattern to a JavaScript one with the same matches. JavaScript engines of
 * Node 20 have no inline flag groups, so a pattern that is case-insensitive throughout gets the
 * `i` flag, and one that mixes `(?i)` and `(?-i:…)` spells every case-insensitive letter as `[aA]`.
 */
export function translateGoRegex(go: string): JsRegex {
  const p = new GoPattern(go);
  const body = p.group(false, false);
  if (p.pos !== go.length) throw new Error(`unbalanced ")" at ${p.pos}`);
  if (p.mixedCase) return { source: new GoPattern(go, true).group(false, false), flags: '' };
  return { source: body, flags: p.anyInsensitive ? 'i' : '' };
}

class GoPattern {
  pos = 0;
  anyInsensitive = false;
  anySensitive = false;

  constructor(
    private readonly src: string,
    /** Spell case-insensitive letters as classes, as no single flag fits the whole pattern. */
    private readonly expand = false,
  ) {}

  get mixedCase(): boolean {
    return this.anyInsensitive && this.anySensitive;
  }

  /** Reads up to the `)` closing the current group (or the end), in the given flag state. */
  group(insensitive: boolean, dotAll: boolean): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ')') return out;
      if (c === '(') {
        out += this.openGroup(() => ({ insensitive, dotAll }), (f) => {
          insensitive = f.insensitive;
          dotAll = f.dotAll;
        });
        continue;
      }
      if (c === '[') {
        out += this.charClass(insensitive);
        continue;
      }
      if (c === '\\') {
        out += this.escape(insensitive);
        continue;
      }
      this.pos++;
      if (c === '.') {
        out += dotAll ? '[\\s\\S]' : '.';
        continue;
      }
      if (/[a-zA-Z]/.test(c)) {
        this.note(insensitive);
        out += insensitive && this.expand ? caseClass(c) : c;
        continue;
      }
      out += c;
    }
    return out;
  }

  private note(insensitive: boolean): void {
    if (insensitive) this.anyInsensitive = true;
    else this.anySensitive = true;
  }

  private openGroup(
    current: () => { insensitive: boolean; dotAll: boolean },
    set: (f: { insensitive: boolean; dotAll: boolean }) => void,
  ): string {
    const rest = this.src.slice(this.pos);
    const flagGroup = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?(:|\))/.exec(rest);
    if (flagGroup && (flagGroup[1] || flagGroup[2] !== undefined)) {
      const f = { ...current() };
      for (const on of flagGroup[1]) applyFlag(f, on, true);
      for (const off of flagGroup[2] ?? '') applyFlag(f, off, false);
      this.pos += flagGroup[0].length;
      if (flagGroup[3] === ')') {
        set(f);
        return '';
      }
      const inner = this.group(f.insensitive, f.dotAll);
      this.close();
      return `(?:${inner})`;
    }
    let head: string;
    if (rest.startsWith('(?:')) head = '(?:';
    else if (/^\(\?P?<[A-Za-z_]\w*>/.test(rest)) head = '(?<' + /^\(\?P?<([A-Za-z_]\w*)>/.exec(rest)![1] + '>';
    else if (rest.startsWith('(?')) throw new Error(`unknown group syntax at ${this.pos}: ${rest.slice(0, 8)}`);
    else head = '(';
    this.pos += head === '(' ? 1 : head === '(?:' ? 3 : /^\(\?P?<[A-Za-z_]\w*>/.exec(rest)![0].length;
    const { insensitive, dotAll } = current();
    const inner = this.group(insensitive, dotAll);
    this.close();
    return head + inner + ')';
  }

  private close(): void {
    if (this.src[this.pos] !== ')') throw new Error(`missing ")" at ${this.pos}`);
    this.pos++;
  }

  private escape(insensitive: boolean): string {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new Error('pattern ends with "\\"');
    this.pos += 2;
    if (next === 'z') return '(?![\\s\\S])';
    if (next === 'A') return '(?<![\\s\\S])';
    if (next === 'Q') {
      const end = this.src.indexOf('\\E', this.pos);
      const lit = this.src.slice(this.pos, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.src.length : end + 2;
      return [...lit].map((ch) => (/[a-zA-Z]/.test(ch) ? (this.note(insensitive), insensitive && this.expand ? caseClass(ch) : ch) : escapeLiteral(ch))).join('');
    }
    if (next === 'x' && this.src[this.pos] === '{') {
      const end = this.src.indexOf('}', this.pos);
      const hex = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      if (hex.length > 4) throw new Error('\\x{…} beyond the BMP');
      return '\\u' + hex.padStart(4, '0');
    }
    if (next === 'p' || next === 'P') throw new Error('Unicode classes are not translated');
    return '\\' + next;
  }

  private charClass(insensitive: boolean): string {
    // Go allows "]" as the first member and an unescaped "[" inside; JavaScript needs both escaped.
    let out = '[';
    this.pos++;
    if (this.src[this.pos] === '^') {
      out += '^';
      this.pos++;
    }
    const members: string[] = [];
    let first = true;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ']' && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        if (posix[1]) throw new Error('negated POSIX class');
        const cls = POSIX_CLASSES[posix[2]];
        if (!cls) throw new Error(`unknown POSIX class ${posix[2]}`);
        members.push(cls);
        this.pos += posix[0].length;
        continue;
      }
      if (c === '\\') {
        members.push(this.src.slice(this.pos, this.pos + 2));
        this.pos += 2;
        continue;
      }
      const range = /^([^\\\]])-([^\\\]])/.exec(this.src.slice(this.pos));
      if (range) {
        members.push(`${escapeClassChar(range[1])}-${escapeClassChar(range[2])}`);
        this.pos += 3;
        if (insensitive && /[a-zA-Z]/.test(range[1] + range[2])) {
          this.note(true);
          if (/^[a-z]$/.test(range[1]) && /^[a-z]$/.test(range[2])) members.push(`${range[1].toUpperCase()}-${range[2].toUpperCase()}`);
          else if (/^[A-Z]$/.test(range[1]) && /^[A-Z]$/.test(range[2])) members.push(`${range[1].toLowerCase()}-${range[2].toLowerCase()}`);
          else throw new Error('case-insensitive range across letters and other characters');
        } else if (/[a-zA-Z]/.test(range[1] + range[2])) this.note(false);
        continue;
      }
      members.push(escapeClassChar(c));
      if (/[a-zA-Z]/.test(c)) {
        this.note(insensitive);
        if (insensitive) members.push(c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
      }
      this.pos++;
    }
    if (this.src[this.pos] !== ']') throw new Error('unterminated character class');
    this.pos++;
    return out + members.join('') + ']';
  }
}

function applyFlag(f: { insensitive: boolean; dotAll: boolean }, flag: string, on: boolean): void {
  if (flag === 'i') f.insensitive = on;
  else if (flag === 's') f.dotAll = on;
  else throw new Error(`flag (?${flag}) is not translated`);
}

function caseClass(c: string): string {
  return `[${c.toLowerCase()}${c.toUpperCase()}]`;
}

function escapeLiteral(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

function escapeClassChar(c: string): string {
  return c === '[' || c === '/' ? '\\' + c : c;
}

interface TomlAllowlist {
  regexTarget?: string;
  condition?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
  commits?: string[];
}
interface TomlRule {
  id: string;
  description?: string;
  regex?: string;
  path?: string;
  entropy?: number;
  secretGroup?: number;
  keywords?: string[];
  allowlists?: TomlAllowlist[];
}

/**
 * A lesson has no file path and no commit, so rules that only apply to some files and allowlist
 * entries that are about paths or commits do not apply; the rest is carried over as it is.
 */
export function convert(tomlText: string): GeneratedRules {
  const config = parse(tomlText) as unknown as {
    allowlist?: TomlAllowlist;
    rules: TomlRule[];
  };
  const rules: GeneratedRule[] = [];
  const skipped: { id: string; why: string }[] = [];
  for (const r of config.rules) {
    if (!r.regex) {
      skipped.push({ id: r.id, why: 'matches file names only' });
      continue;
    }
    if (r.path) {
      skipped.push({ id: r.id, why: 'applies to some file types only' });
      continue;
    }
    const allowlists: GeneratedAllowlist[] = [];
    for (const a of r.allowlists ?? []) {
      const aboutPaths = (a.paths?.length ?? 0) > 0 || (a.commits?.length ?? 0) > 0;
      // An AND list with a path condition can never hold for a lesson; an OR list keeps its
      // regexes and stopwords.
      if (aboutPaths && a.condition?.toUpperCase() === 'AND') continue;
      const regexes = (a.regexes ?? []).map((x) => checked(r.id, x));
      const stopwords = (a.stopwords ?? []).map((s) => s.toLowerCase());
      if (regexes.length === 0 && stopwords.length === 0) continue;
      const target = (a.regexTarget ?? 'secret') as GeneratedAllowlist['target'];
      allowlists.push({ target, regexes, stopwords });
    }
    rules.push({
      id: r.id,
      regex: checked(r.id, r.regex),
      keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
      ...(r.entropy ? { entropy: r.entropy } : {}),
      ...(r.secretGroup ? { secretGroup: r.secretGroup } : {}),
      allowlists,
    });
  }
  const allow = {
    regexes: (config.allowlist?.regexes ?? []).map((x) => checked('global allowlist', x)),
    stopwords: (config.allowlist?.stopwords ?? []).map((s) => s.toLowerCase()),
  };
  return { rules, skipped, allow };
}

function checked(id: string, go: string): JsRegex {
  let js: JsRegex;
  try {
    js = translateGoRegex(go);
    new RegExp(js.source, js.flags + 'gd');
  } catch (e) {
    throw new Error(`gitleaks rule ${id}: ${(e as Error).message}`);
  }
  return js;
}

export function render(g: GeneratedRules): string {
  return `// Generated by scripts/gitleaks-rules.ts from gitleaks ${GITLEAKS_VERSION}
// (config/gitleaks.toml, MIT License, Copyright (c) 2019 Zachary Rice). Do not edit: regenerate.
import type { GeneratedRules } from './gitleaks-types';

export const GITLEAKS: GeneratedRules = ${JSON.stringify(g, null, 1)};
`;
}

export function generate(): string {
  return render(convert(readFileSync(TOML_PATH, 'utf8')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const g = convert(readFileSync(TOML_PATH, 'utf8'));
  writeFileSync(OUT_PATH, render(g));
  console.log(`${g.rules.length} rules written, ${g.skipped.length} skipped (${g.skipped.map((s) => s.id).join(', ')})`);
}
