import { describe, expect, it } from 'vitest';
import { formatWhen, hostPattern } from './hosts';

describe('hostPattern', () => {
  it.each([
    ['jira.acme.internal', 'jira.acme.internal', 'https://jira.acme.internal/*'],
    ['https://github.acme.com/org/repo', 'github.acme.com', 'https://github.acme.com/*'],
    ['http://wiki.acme.lan:8090', 'wiki.acme.lan:8090', 'http://wiki.acme.lan/*'],
  ])('%s → %s', (input, host, pattern) => expect(hostPattern(input)).toEqual({ host, pattern }));
  it.each(['', 'jira', 'ftp://x.example', 'http://exa mple.com'])('refuses %j', (input) => expect(hostPattern(input)).toHaveProperty('error'));
});

describe('formatWhen', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it.each([
    [undefined, 'never'],
    ['2026-11-20T09:59:55Z', 'just now'],
    ['2026-11-20T09:59:00Z', '60 seconds ago'],
    ['2026-11-20T09:30:00Z', '30 minutes ago'],
    ['2026-11-20T05:00:00Z', '5 hours ago'],
  ])('%s → %s', (iso, text) => expect(formatWhen(iso, now)).toBe(text));
});
