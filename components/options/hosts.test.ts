import { describe, expect, it } from 'vitest';
import { endpointFromInput, formatWhen, hostPattern, syncBlocker } from './hosts';

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

describe('endpointFromInput', () => {
  it('adds https to a host typed without a scheme, and http for this machine', () => {
    expect(endpointFromInput(' lessons.example.com ')).toBe('https://lessons.example.com');
    expect(endpointFromInput('lessons.example.com:8443/team')).toBe('https://lessons.example.com:8443/team');
    expect(endpointFromInput('//lessons.example.com')).toBe('https://lessons.example.com');
    expect(endpointFromInput('localhost:8787')).toBe('http://localhost:8787');
    expect(endpointFromInput('127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/');
    expect(endpointFromInput('lm.localhost')).toBe('http://lm.localhost');
  });

  it('leaves a URL with a scheme, an empty box and text with spaces as typed (trimmed)', () => {
    expect(endpointFromInput(' https://lessons.example.com ')).toBe('https://lessons.example.com');
    expect(endpointFromInput('http://lessons.example.com')).toBe('http://lessons.example.com');
    expect(endpointFromInput('  ')).toBe('');
    expect(endpointFromInput('not a url')).toBe('not a url');
  });
});

describe('syncBlocker', () => {
  it('says what is missing, or nothing', () => {
    const saved = '2026-03-01T00:00:00.000Z';
    expect(syncBlocker({ endpoint: '' })).toBe('Add the endpoint URL and token first, then save.');
    expect(syncBlocker({ endpoint: 'https://x.example' })).toBe('Add the token first, then save.');
    expect(syncBlocker({ endpoint: '', tokenSavedAt: saved })).toBe('Add the endpoint URL first, then save.');
    expect(syncBlocker({ endpoint: 'https://x.example', tokenSavedAt: saved })).toBeNull();
  });
});
