import { createHash, randomBytes } from 'node:crypto';

/** A recognisable prefix so leaked tokens are easy to spot in logs and secret scanners. */
export const TOKEN_PREFIX = 'lm_';

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newId(prefix: string): string {
  return prefix + randomBytes(9).toString('base64url');
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30d`, `12h`, `2w`, `90m` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`invalid duration "${text}": use a number and m, h, d or w, e.g. 30d`);
  return Number(match[1]) * UNITS[match[2]];
}
