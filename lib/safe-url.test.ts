import { describe, expect, it } from 'vitest';
import { httpHref } from './safe-url';

describe('httpHref', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'JAVASCRIPT:alert(document.domain)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://evil.example/1',
    'chrome-extension://abc/library.html',
    '//evil.example/x',
    '/relative/path',
    'not a url',
    '',
    null,
    undefined,
  ])('%j is not a link', (url) => {
    expect(httpHref(url)).toBeUndefined();
  });

  it.each([
    ['https://acme.atlassian.net/browse/ACME-1', 'https://acme.atlassian.net/browse/ACME-1'],
    ['HTTPS://GitHub.com/acme/web', 'https://github.com/acme/web'],
    ['  http://localhost:4173/x  ', 'http://localhost:4173/x'],
    ['https://blog.example/a b', 'https://blog.example/a%20b'],
  ])('%j links to %s', (url, href) => {
    expect(httpHref(url)).toBe(href);
  });
});
