import { describe, expect, it } from 'vitest';
import { hostIn, hostOf, isTrackingParam, normalizeUrl, parseHttpUrl } from './url';

describe('normalizeUrl', () => {
  const cases: Array<[string, string]> = [
    ['https://GitHub.COM/acme/web/issues/12', 'https://github.com/acme/web/issues/12'],
    ['https://github.com:443/acme/web', 'https://github.com/acme/web'],
    ['http://wiki.corp.example:80/display/ENG/Runbook', 'http://wiki.corp.example/display/ENG/Runbook'],
    ['https://jira.corp.example:8443/browse/OPS-42', 'https://jira.corp.example:8443/browse/OPS-42'],
    ['https://github.com/acme/web/issues/12/', 'https://github.com/acme/web/issues/12'],
    ['https://github.com/acme/web/issues/12///', 'https://github.com/acme/web/issues/12'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/', 'https://example.com/'],
    ['https://github.com/acme/web/issues/12#issuecomment-1', 'https://github.com/acme/web/issues/12'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a?b=2&a=1&b=1', 'https://example.com/a?a=1&b=2&b=1'],
    [
      'https://blog.example.com/post?utm_source=news&utm_medium=email&UTM_Campaign=x&id=7',
      'https://blog.example.com/post?id=7',
    ],
    ['https://example.com/p?fbclid=abc&gclid=def&msclkid=g&mc_cid=1&mc_eid=2', 'https://example.com/p'],
    ['https://example.com/p?ref_src=twsrc&_ga=1.2&_gl=x&yclid=1&igshid=2', 'https://example.com/p'],
    [
      'https://acme.atlassian.net/browse/ACME-1?atlOrigin=eyJpIjoiMTIzIn0',
      'https://acme.atlassian.net/browse/ACME-1',
    ],
    [
      'https://github.com/acme/web/pull/34?notification_referrer_id=NT_1&email_token=secret&email_source=notifications',
      'https://github.com/acme/web/pull/34',
    ],
    ['https://user:pass@example.com/private', 'https://example.com/private'],
    ['https://app.example.com/#/projects/12', 'https://app.example.com/#/projects/12'],
    ['https://app.example.com/#!/projects/12', 'https://app.example.com/#!/projects/12'],
    ['https://example.com./x', 'https://example.com/x'],
    [
      'https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=ACME-7&utm_source=slack',
      'https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=ACME-7',
    ],
    ['  https://example.com/x  ', 'https://example.com/x'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('gives the same string for two spellings of one page', () => {
    const a = normalizeUrl('https://Example.com:443/a/?utm_source=x&b=1&a=2#top');
    const b = normalizeUrl('https://example.com/a?a=2&b=1');
    expect(a).toBe(b);
  });

  it('is idempotent', () => {
    for (const [input] of cases) expect(normalizeUrl(normalizeUrl(input))).toBe(normalizeUrl(input));
  });

  it('keeps parameters that name what is shown', () => {
    expect(normalizeUrl('https://wiki.corp.example/pages/viewpage.action?pageId=98765')).toBe(
      'https://wiki.corp.example/pages/viewpage.action?pageId=98765',
    );
    expect(normalizeUrl('https://acme.atlassian.net/issues/?jql=project%20%3D%20ACME')).toContain('jql=');
  });

  it('leaves non-URLs trimmed and drops fragments of other schemes', () => {
    expect(normalizeUrl('  not a url ')).toBe('not a url');
    expect(normalizeUrl('file:///home/me/notes.html#x')).toBe('file:///home/me/notes.html');
  });
});

describe('URL helpers', () => {
  it('recognises tracking parameters without regard to case', () => {
    for (const p of ['utm_source', 'UTM_TERM', 'fbclid', 'gclid', 'mc_eid', 'ref_src', 'atlOrigin']) {
      expect(isTrackingParam(p)).toBe(true);
    }
    for (const p of ['id', 'q', 'page', 'jql', 'selectedIssue', 'pageId', 'ref', 'tab']) {
      expect(isTrackingParam(p)).toBe(false);
    }
  });

  it('reads hosts with their port', () => {
    expect(hostOf('https://Jira.Corp.Example:8443/browse/X-1')).toBe('jira.corp.example:8443');
    expect(hostOf('nonsense')).toBe('');
  });

  it('matches known hosts however they were typed', () => {
    const known = ['jira.corp.example', 'https://git.corp.example/', 'wiki.corp.example:8090/confluence'];
    expect(hostIn('jira.corp.example', known)).toBe(true);
    expect(hostIn('git.corp.example', known)).toBe(true);
    expect(hostIn('wiki.corp.example:8090', known)).toBe(true);
    expect(hostIn('wiki.corp.example', known)).toBe(false);
    expect(hostIn('evil.example', known)).toBe(false);
    expect(hostIn('jira.corp.example', undefined)).toBe(false);
  });

  it('parses only http(s) URLs', () => {
    expect(parseHttpUrl('https://x.example/a')?.pathname).toBe('/a');
    expect(parseHttpUrl('javascript:alert(1)')).toBeNull();
    expect(parseHttpUrl('chrome-extension://abc/popup.html')).toBeNull();
    expect(parseHttpUrl('')).toBeNull();
  });
});
