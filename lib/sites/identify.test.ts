// @vitest-environment happy-dom
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRootSelector, identifyPage, pageHosts, siteOf } from './identify';

const docWith = (head: string, body = '') =>
  new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

// Bundling takes seconds on a busy machine; the assertion is about contents, never time.
describe('the cheap entry point', { timeout: 120_000 }, () => {
  it('does not bundle Readability', async () => {
    const inputs = await bundledInputs('identify.ts');
    expect(inputs.some((p) => p.includes('lib/sites/jira.ts'))).toBe(true);
    expect(inputs.filter((p) => p.includes('readability'))).toEqual([]);
  });

  it('while the full entry point does (so the check above can fail)', async () => {
    const inputs = await bundledInputs('index.ts');
    expect(inputs.some((p) => p.includes('@mozilla/readability'))).toBe(true);
  });
});

describe('siteOf', () => {
  const plain = docWith('');
  it.each([
    ['https://github.com/acme/web/issues/1', 'github'],
    ['https://acme.atlassian.net/browse/ACME-1', 'jira'],
    ['https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1', 'jira'],
    ['https://acme.atlassian.net/wiki/spaces/ENG/pages/1/X', 'confluence'],
    ['https://acme.atlassian.net/wiki', 'confluence'],
    ['https://acme.jira.com/browse/ACME-1', 'jira'],
    ['https://example.com/browse/ACME-1', 'web'],
    ['https://github.com.evil.example/acme/web/issues/1', 'web'],
    ['https://atlassian.net.evil.example/browse/ACME-1', 'web'],
    ['about:blank', 'web'],
    ['not a url', 'web'],
  ])('%s is %s by its host', (url, site) => {
    expect(siteOf(url, plain)).toBe(site);
  });

  // Markup anyone can copy: Jira's, Confluence's and GitHub's meta tags.
  const JIRA = docWith('<meta name="application-name" content="JIRA"><meta name="ajs-issue-key" content="A-1">');
  const CONFLUENCE = docWith('<meta name="application-name" content="Confluence">');
  const GITHUB = docWith('<meta name="hostname" content="x.example"><meta name="expected-hostname" content="x.example">');

  it.each([
    ['https://x.example/browse/A-1', JIRA],
    ['https://x.example/a', CONFLUENCE],
    ['https://x.example/a', GITHUB],
    ['http://localhost:4173/browse/A-1', JIRA],
    ['https://jira.evil.example/browse/A-1', JIRA],
    ['https://acme.atlassian.net.evil.example/browse/A-1', JIRA],
  ])('markup alone does not make %s a product page', (url, doc) => {
    expect(siteOf(url, doc)).toBe('web');
    expect(siteOf(url, doc, { hosts: { jira: ['other.example'], github: ['github.example'] } })).toBe('web');
  });

  it('on a host the person added, the markup tells the product, else the list the host is in', () => {
    const hosts = { jira: ['x.example'] };
    expect(siteOf('https://x.example/a', JIRA, { hosts })).toBe('jira');
    expect(siteOf('https://x.example/wiki/a', CONFLUENCE, { hosts })).toBe('confluence');
    expect(siteOf('https://x.example/a', GITHUB, { hosts })).toBe('github');
    expect(siteOf('https://x.example/a', plain, { hosts: { github: ['x.example'] } })).toBe('github');
    expect(siteOf('https://x.example/a', plain, { hosts: { confluence: ['x.example'] } })).toBe('confluence');
    expect(siteOf('https://x.example/a', plain, { hosts: { jira: ['x.example'] } })).toBe('jira');
    expect(siteOf('http://localhost:4173/a', JIRA, { hosts: { jira: ['localhost:4173'] } })).toBe('jira');
    expect(siteOf('http://localhost:4174/a', JIRA, { hosts: { jira: ['localhost:4173'] } })).toBe('web');
  });

  it('on the public hosts the host decides, whatever the markup says', () => {
    expect(siteOf('https://github.com/acme/web/issues/1', JIRA)).toBe('github');
    expect(siteOf('https://acme.atlassian.net/browse/A-1', GITHUB)).toBe('jira');
  });
});

describe('pageHosts', () => {
  const hosts = { jira: ['jira.corp.example', 'other.example'], confluence: ['JIRA.corp.example'], github: ['https://git.corp.example/'] };

  it.each([
    ['https://jira.corp.example/browse/OPS-42', { jira: ['jira.corp.example'], confluence: ['JIRA.corp.example'] }],
    ['https://git.corp.example/acme/shop/issues/1', { github: ['https://git.corp.example/'] }],
    ['https://jira.corp.example:8443/browse/OPS-42', {}],
    ['https://news.example/story', {}],
    ['chrome-extension://abc/library.html', {}],
    ['not a url', {}],
  ])('%s: %j', (url, mine) => expect(pageHosts(url, hosts)).toEqual(mine));

  it('is nothing without a URL or hosts', () => {
    expect(pageHosts(undefined, hosts)).toEqual({});
    expect(pageHosts('https://jira.corp.example/browse/OPS-42')).toEqual({});
  });
});

describe('identifyPage', () => {
  it('names any other page by its normalised URL', () => {
    expect(identifyPage('https://Blog.Example.com/post/?utm_source=x#comments', docWith(''))).toEqual({
      site: 'web',
      workItem: 'https://blog.example.com/post',
      url: 'https://blog.example.com/post',
    });
  });

  it('keeps keys and URLs within the schema bounds', () => {
    const long = `https://example.com/${'a'.repeat(5000)}`;
    const id = identifyPage(long, docWith(''));
    expect(id.url.length).toBeLessThanOrEqual(4096);
    expect(id.workItem.length).toBeLessThanOrEqual(4096);
  });
});

describe('identifyPage from the URL alone', () => {
  it.each([
    ['https://github.com/acme/web/issues/12#issuecomment-1', 'github', 'github:acme/web#12', 'acme/web'],
    ['https://github.com/acme/web/pull/34/files', 'github', 'github:acme/web#34', 'acme/web'],
    ['https://github.com/acme/web/commit/0123abcd', 'github', 'github:acme/web@0123abcd', 'acme/web'],
    ['https://acme.atlassian.net/browse/acme-123?atlOrigin=x', 'jira', 'jira:acme.atlassian.net:ACME-123', 'ACME'],
    ['https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=ACME-7', 'jira', 'jira:acme.atlassian.net:ACME-7', 'ACME'],
    ['https://acme.atlassian.net/wiki/spaces/ENG/pages/123456/Incident+Review', 'confluence', 'confluence:acme.atlassian.net:123456', 'ENG'],
  ])('%s', (url, site, workItem, project) => {
    expect(identifyPage(url)).toMatchObject({ site, workItem, project });
  });

  it('names any other page by its normalised URL', () => {
    expect(identifyPage('https://Blog.Example.com/post/?utm_source=x#comments')).toEqual({
      site: 'web',
      workItem: 'https://blog.example.com/post',
      url: 'https://blog.example.com/post',
    });
  });

  it('knows self-hosted installations only by the hosts given', () => {
    const url = 'https://jira.corp.example/browse/OPS-42';
    expect(identifyPage(url)).toMatchObject({ site: 'web', workItem: url });
    expect(identifyPage(url, undefined, { hosts: { jira: ['jira.corp.example'] } })).toMatchObject({ site: 'jira', workItem: 'jira:jira.corp.example:OPS-42' });
  });

  it('falls back to the URL where only the markup names the work item', () => {
    const url = 'https://wiki.corp.example/display/ENG/Runbook';
    expect(identifyPage(url, undefined, { hosts: { confluence: ['wiki.corp.example'] } })).toEqual({
      site: 'confluence',
      workItem: url,
      project: 'ENG',
      url,
    });
  });
});

describe('contentRootSelector', () => {
  it('falls back to body, and always names an element that exists', () => {
    expect(contentRootSelector('web', docWith(''))).toBe('body');
    expect(contentRootSelector('jira', docWith(''))).toBe('body');
    expect(contentRootSelector('web', docWith('', '<div id="content"><p>x</p></div>'))).toBe('#content');
    expect(contentRootSelector('github', docWith('', '<main><div class="markdown-body">x</div></main>'))).toBe('.markdown-body');
    expect(contentRootSelector('github', docWith('', '<main>x</main>'))).toBe('main');
    expect(contentRootSelector('confluence', docWith('', '<div id="main-content" class="wiki-content">x</div>'))).toBe(
      '#main-content.wiki-content',
    );
  });

  it('prefers the diff on a pull request Files tab when there is no conversation', () => {
    expect(contentRootSelector('github', docWith('', '<main><div id="files"><table></table></div></main>'))).toBe('#files');
  });
});
