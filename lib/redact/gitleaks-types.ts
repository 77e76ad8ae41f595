/** The shape of gitleaks' rules once translated to JavaScript (see scripts/gitleaks-rules.ts). */
export interface JsRegex {
  source: string;
  flags: string;
}

export interface GeneratedAllowlist {
  /** What the allowlist's regexes are tried on: the secret, the whole match, or its line. */
  target: 'secret' | 'match' | 'line';
  regexes: JsRegex[];
  /** Lower case; a secret containing one of them is not reported. */
  stopwords: string[];
}

export interface GeneratedRule {
  id: string;
  regex: JsRegex;
  /** Lower case; the rule runs only on text containing one of them (all texts when empty). */
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** The capture group that holds the secret; otherwise the first non-empty group, or the match. */
  secretGroup?: number;
  allowlists: GeneratedAllowlist[];
}

export interface GeneratedRules {
  rules: GeneratedRule[];
  skipped: { id: string; why: string }[];
  allow: { regexes: JsRegex[]; stopwords: string[] };
}
