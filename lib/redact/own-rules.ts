/**
 * What gitleaks does not look for because it scans code, not notes: passwords in URLs and
 * connection strings, passwords written in a sentence or an assignment, and personal data.
 */
import { shannonEntropy } from './entropy';

export interface OwnRule {
  kind: string;
  regex: RegExp;
  /** Lower case; the rule runs only when one occurs (always when empty). */
  keywords: string[];
  /** The capture group holding the value to hide; 0 is the whole match; -1 the first non-empty. */
  group: number;
  /**
   * A character every match contains, the characters a match may have before it and how many:
   * the rule is then tried only where it can start before each occurrence (an email regex tried at
   * every position costs a millisecond on a long lesson). Its regex must be sticky (`y`).
   */
  anchor?: { char: string; before: RegExp; back: number };
  /** Lower-case words every match starts with: the rule is tried only where one of them occurs. */
  starts?: string[];
  accept(value: string, text: string, start: number, end: number): boolean;
}

/** Values that stand for a password in documentation rather than being one. */
const PLACEHOLDER =
  /^(?:\*+|x+|\.+|_+|-+|\?+|\$\{?[\w.:-]+\}?|\$\([^)]*\)|<[^>]*>|\[[^\]]*\]|\{\{[^}]*\}\}|\{[^}]*\}|%[\w]+%|@[\w]+@|(?:your|my|the|some|a|an)?[-_]?(?:pass(?:word)?|passwd|pwd|secret|token|key|changeme|changeit|example|test|user(?:name)?|redacted|hidden|removed|placeholder|dummy|none|null|empty|xxx+)s?\d{0,3})$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^\[redacted/i.test(value);
}

/** A made-up password has several kinds of characters and is not a word or a reference to one. */
function looksLikePassword(value: string): boolean {
  if (value.length < 8 || isPlaceholder(value)) return false;
  if (/^(?:https?:|\/|\.\/|~\/|[A-Z]:\\)/i.test(value)) return false;
  if (/^(?:process\.env|os\.environ|env\.|ENV\[|getenv|System\.getenv|secrets?\.|vars\.|config\.|settings\.)/i.test(value)) return false;
  if (/^[A-Za-z_][\w.]*\([^)]*\)?$/.test(value)) return false;
  if (isResourcePath(value)) return false;
  // SECRET_FOO:latest, ENV=mysecret:latest: references to a secret by name.
  if (/[:=]/.test(value) && value.split(/[:=,]/).every((p) => p === '' || isIdentifier(p))) return false;
  // OAUTH2-CLIENT-SECRET, DB_PASSWORD: the name of a value, as in usage lines.
  if (/^[A-Z0-9]+(?:[_-][A-Z0-9]+)+$/.test(value)) return false;
  if (/^(?:true|false|null|none|nil|undefined|required|optional|string|bool(?:ean)?|int(?:eger)?)$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  const hasDigitAndLetter = /\d/.test(value) && /[A-Za-z]/.test(value);
  if (classes < 3 && !(hasDigitAndLetter && value.length >= 12)) return false;
  return shannonEntropy(value) >= 3;
}

/** `ExistingLabelKey1`, `ORGANIZATION`, `--organization=ORG`, `my_bucket_name2`: names, not random values. */
export function isIdentifier(value: string): boolean {
  const parts = value.replace(/^-+/, '').split(/[_.=-]+/);
  return parts.length > 0 && parts.every((p) => p === '' || WORDISH.test(p));
}

/** `projects/my-project/secrets/db/versions/2`, `organizations/54321`: names of things, not secrets. */
export function isResourcePath(value: string): boolean {
  return value.includes('/') && value.split(/[/=:]/).every((seg) => seg === '' || /^\d+$/.test(seg) || isIdentifier(seg));
}

/** One word of an identifier: lower, UPPER or CamelCase letters, then maybe a number. */
const WORDISH = /^(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*[A-Z]*)\d*$/;

const IMAGE_OR_FILE_SUFFIX =
  /\.(?:png|jpe?g|gif|svg|webp|ico|bmp|js|mjs|cjs|ts|tsx|jsx|css|scss|json|md|html?|txt|ya?ml|toml|zip|gz|tgz|tar|lock|sh|py|go|rs|java|kt|rb|php|xml|pdf|wasm|map|exe|dll|so)$/i;

export const OWN_RULES: OwnRule[] = [
  {
    kind: 'password-in-url',
    // scheme://user:password@host — the user may be empty (redis://:pw@host).
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/?#'"<>]*:([^\s@/'"<>]+)@[\w.-]+/gid,
    keywords: ['://'],
    group: 1,
    accept: (value) => value.length >= 3 && !isPlaceholder(decodeSafe(value)),
  },
  {
    kind: 'connection-string',
    // ADO.NET / JDBC / ODBC style: Server=…;User Id=…;Password=…;
    regex: /(?<=\b(?:server|data source|host|address|addr|hostname|uid|user id|username|user)\s*=[^\n]{1,600};\s*)(?:password|pwd)\s*=\s*(?:'([^'\n]+)'|"([^"\n]+)"|\{([^}\n]+)\}|([^;\n'"]+))/gid,
    keywords: ['password', 'pwd'],
    group: -1,
    accept: (value) => value.trim().length >= 3 && !isPlaceholder(value.trim()),
  },
  {
    kind: 'password-assignment',
    // password=…, "secret": "…", DB_PASSWORD: …, client_secret => …
    regex:
      /(?:password|passwd|passphrase|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?token|token)[\w.-]{0,20}["'`]?[ \t]*(?:=|:=|=>|:)[ \t]*["'`]?([^\s"'`,;)\]}]{8,200})/gid,
    keywords: ['pass', 'pwd', 'secret', 'key', 'token'],
    starts: ['pass', 'pwd', 'secret', 'api', 'access', 'private', 'auth', 'token'],
    group: 1,
    accept: (value) => looksLikePassword(value),
  },
  {
    kind: 'password-assignment',
    // The way people write it in a comment: "the password is Tr0ub4dor&3".
    regex: /\b(?:(?:password|passphrase|passcode|pwd)\s+(?:is|was|for \S+ is|:)|(?:with|using|use) (?:the )?(?:password|passphrase|pwd))\s*:?\s*["'`]?([^\s"'`]{6,200}?)["'`]?(?=[\s,;)]|[.!?](?:\s|$)|$)/gid,
    keywords: ['pass', 'pwd'],
    group: 1,
    accept: (value) => looksLikePassword(value) || (value.length >= 6 && /\d/.test(value) && /[A-Za-z]/.test(value) && /[^A-Za-z0-9]/.test(value)),
  },
  {
    kind: 'bearer-token',
    // Authorization: Bearer …, as logs and curl commands show it.
    regex: /\b(?:authorization|proxy-authorization)["']?\s*[:=]\s*["']?(?:bearer|token|bot|basic)\s+([A-Za-z0-9._~+/=-]{16,})/gid,
    keywords: ['authorization'],
    group: 1,
    accept: (value) => !isPlaceholder(value) && shannonEntropy(value) >= 3.5,
  },
  {
    kind: 'azure-sas-token',
    // The signature of an Azure shared access signature URL: …?sv=…&sig=…
    regex: /[?&]sig=([A-Za-z0-9%+/=]{30,})/gd,
    keywords: ['sig='],
    group: 1,
    accept: (value, text, start) => /[?&]sv=\d{4}-\d{2}-\d{2}/.test(text.slice(Math.max(0, start - 400), start)),
  },
  {
    kind: 'docker-hub-token',
    regex: /\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}/gd,
    keywords: ['dckr_'],
    group: 0,
    accept: (value) => shannonEntropy(value) >= 3,
  },
  {
    kind: 'discord-webhook-url',
    regex: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[\w-]{50,}/gd,
    keywords: ['discord'],
    group: 0,
    accept: () => true,
  },
  {
    kind: 'email',
    regex: /(?<![\w.%+/=-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b(?![@\w-]|\.[A-Za-z0-9])/yd,
    keywords: ['@'],
    group: 0,
    anchor: { char: '@', before: /[A-Za-z0-9._%+-]/, back: 64 },
    accept: (value, text, start) => {
      const before = lineStart(text, start);
      // user:password@host in a URL is the other rule's; mailto: is an address.
      if (before.endsWith(':') && !/mailto:$/i.test(before)) return false;
      if (/^(?:message-id|references|in-reply-to|content-id)\s*:/i.test(before)) return false;
      const [local, domain] = value.split('@');
      if (/^(?:git|no-?reply|noreply\+.*)$/i.test(local)) return false;
      if (/(?:^|\.)users\.noreply\.github\.com$/i.test(domain)) return false;
      return !IMAGE_OR_FILE_SUFFIX.test(value) && !/@\d+x\./.test(value);
    },
  },
  {
    kind: 'phone',
    // International: +44 20 7946 0958, +1 (555) 010-9999, +4915112345678
    regex: /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){1,5}(?![\w])/gd,
    keywords: ['+'],
    group: 0,
    accept: (value) => phoneDigits(value, 8, 15),
  },
  {
    kind: 'phone',
    // North American without a country code: (555) 010-9999, 555-010-9999, 555.010.9999
    regex: /(?<![\w.+-])(?:\(\d{3}\)[ .-]?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w]|[.-]\d)/gd,
    keywords: [],
    group: 0,
    accept: (value) => phoneDigits(value, 10, 10),
  },
  {
    kind: 'phone',
    // Any national format after a word that says it is a phone number: "tel: 030 1234567".
    regex: /\b(?:phone|tel|telephone|mobile|cell|call me on|call me at|whatsapp|fax)\b\.?(?:\s*(?:number|no\.?|#))?\s*[:=]?\s*(\(?\+?\d[\d ()./-]{5,20}\d)(?![\w])/gid,
    keywords: ['phone', 'tel', 'mobile', 'cell', 'call me', 'whatsapp', 'fax'],
    group: 1,
    accept: (value) => phoneDigits(value, 7, 15) && !/^\d{4}-\d{2}-\d{2}$/.test(value),
  },
];

function lineStart(text: string, at: number): string {
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
}

function phoneDigits(value: string, min: number, max: number): boolean {
  const n = value.replace(/\D/g, '').length;
  return n >= min && n <= max;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
