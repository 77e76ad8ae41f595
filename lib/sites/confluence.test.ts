// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  confluenceFromUrl,
  confluenceRouteFromPath,
  identifyConfluence,
  isConfluenceDocument,
  type ConfluenceRoute,
} from './confluence';

const docWith = (head: string, body = '', bodyAttrs = '') =>
  new DOMParser().parseFromString(`<html><head>${head}</head><body ${bodyAttrs}>${body}</body></html>`, 'text/html');

const ROUTES: Array<[string, ConfluenceRoute]> = [
  [
    'https://acme.atlassian.net/wiki/spaces/ENG/pages/123456/Incident+Review',
    { space: 'ENG', pageId: '123456', pathTitle: 'Incident Review' },
  ],
  ['https://acme.atlassian.net/wiki/spaces/ENG/pages/123456', { space: 'ENG', pageId: '123456', pathTitle: undefined }],
  [
    'https://acme.atlassian.net/wiki/spaces/ENG/pages/edit-v2/123456',
    { space: 'ENG', pageId: '123456', pathTitle: undefined },
  ],
  [
    'https://acme.atlassian.net/wiki/spaces/ENG/blog/2024/03/15/777001/Spring+release+notes',
    { space: 'ENG', pageId: '777001', pathTitle: 'Spring release notes' },
  ],
  ['https://acme.atlassian.net/wiki/spaces/~5b1a2c/pages/42/Notes', { space: '~5b1a2c', pageId: '42', pathTitle: 'Notes' }],
  ['https://acme.atlassian.net/wiki/spaces/ENG/overview', { space: 'ENG' }],
  ['https://acme.atlassian.net/wiki/spaces/ENG', { space: 'ENG' }],
  [
    'https://wiki.corp.example/pages/viewpage.action?pageId=98765',
    { pageId: '98765', space: undefined, pathTitle: undefined },
  ],
  [
    'https://corp.example/confluence/pages/viewpage.action?pageId=98765&focusedCommentId=1',
    { pageId: '98765', space: undefined, pathTitle: undefined },
  ],
  [
    'https://wiki.corp.example/pages/viewpage.action?spaceKey=ENG&title=Runbook',
    { pageId: undefined, space: 'ENG', pathTitle: 'Runbook' },
  ],
  ['https://wiki.corp.example/display/ENG/Runbook', { space: 'ENG', pathTitle: 'Runbook' }],
  ['https://wiki.corp.example/display/ENG/Database+Failover%3A+v2', { space: 'ENG', pathTitle: 'Database Failover: v2' }],
  ['https://wiki.corp.example/display/ENG', { space: 'ENG', pathTitle: undefined }],
  ['https://wiki.corp.example/spaces/ENG/pages/98765/Runbook', { space: 'ENG', pageId: '98765', pathTitle: 'Runbook' }],
  ['https://wiki.corp.example/dashboard.action', { pageId: undefined, space: undefined, pathTitle: undefined }],
  ['https://wiki.corp.example/pages/viewpage.action?pageId=abc', { pageId: undefined, space: undefined, pathTitle: undefined }],
  ['https://wiki.corp.example/', {}],
];

describe('Confluence URLs', () => {
  it.each(ROUTES)('%s', (url, route) => {
    expect(confluenceRouteFromPath(new URL(url))).toEqual(route);
  });

  it('answers URL-only questions on Atlassian Cloud /wiki and on known hosts only', () => {
    expect(confluenceFromUrl('https://acme.atlassian.net/wiki/spaces/ENG/pages/1/X')?.pageId).toBe('1');
    expect(confluenceFromUrl('https://acme.atlassian.net/browse/ACME-1')).toBeUndefined();
    expect(confluenceFromUrl('https://wiki.corp.example/pages/viewpage.action?pageId=98765')).toBeUndefined();
    expect(
      confluenceFromUrl('https://wiki.corp.example/pages/viewpage.action?pageId=98765', ['wiki.corp.example'])?.pageId,
    ).toBe('98765');
    expect(confluenceFromUrl('https://example.com/wiki/spaces/ENG/pages/1/X')).toBeUndefined();
  });
});

describe('Confluence markup', () => {
  it('is recognised on any host', () => {
    expect(isConfluenceDocument(docWith('<meta name="application-name" content="Confluence">'))).toBe(true);
    expect(isConfluenceDocument(docWith('<meta name="ajs-page-id" content="98765">'))).toBe(true);
    expect(isConfluenceDocument(docWith('', '', 'id="com-atlassian-confluence"'))).toBe(true);
    expect(isConfluenceDocument(docWith('<meta name="application-name" content="JIRA">'))).toBe(false);
    expect(isConfluenceDocument(docWith(''))).toBe(false);
  });

  it('names a page by host and id, from the URL first and the meta tags second', () => {
    const dc = docWith('<meta name="ajs-page-id" content="98765"><meta name="ajs-space-key" content="ENG">');
    expect(identifyConfluence(new URL('https://wiki.corp.example/display/ENG/Runbook#Runbook-Why'), dc)).toEqual({
      workItem: 'confluence:wiki.corp.example:98765',
      project: 'ENG',
    });
    expect(identifyConfluence(new URL('https://acme.atlassian.net/wiki/spaces/OPS/pages/5/X'), dc)).toMatchObject({
      workItem: 'confluence:acme.atlassian.net:5',
      project: 'OPS',
    });
    expect(identifyConfluence(new URL('https://Wiki.Corp.Example:8090/display/ENG/Runbook'), dc).workItem).toBe(
      'confluence:wiki.corp.example:8090:98765',
    );
  });

  it('falls back to the URL when no page id is known', () => {
    const id = identifyConfluence(new URL('https://acme.atlassian.net/wiki/spaces/ENG/overview'), docWith(''));
    expect(id.workItem).toBe('https://acme.atlassian.net/wiki/spaces/ENG/overview');
    expect(id.project).toBe('ENG');
  });
});
