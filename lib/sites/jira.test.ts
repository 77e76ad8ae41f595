// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { asIssueKey, identifyJira, isJiraDocument, issueKeyFromPath, jiraIssueFromUrl, projectFromPath } from './jira';

const emptyDoc = () => new DOMParser().parseFromString('<html><head></head><body></body></html>', 'text/html');
const docWith = (head: string, body = '') =>
  new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');

/** URLs that show one issue, and the key. */
const ISSUES: Array<[string, string]> = [
  ['https://acme.atlassian.net/browse/ACME-123', 'ACME-123'],
  ['https://acme.atlassian.net/browse/ACME-123/', 'ACME-123'],
  ['https://acme.atlassian.net/browse/acme-123', 'ACME-123'],
  ['https://acme.atlassian.net/browse/ACME-123?focusedCommentId=10231', 'ACME-123'],
  ['https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=ACME-7', 'ACME-7'],
  ['https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1/backlog?selectedIssue=ACME-8', 'ACME-8'],
  ['https://acme.atlassian.net/jira/software/projects/ACME/issues/ACME-9', 'ACME-9'],
  ['https://acme.atlassian.net/jira/software/c/projects/ACME/issues/ACME-9?filter=allissues', 'ACME-9'],
  ['https://acme.atlassian.net/jira/core/projects/OPS/issues/OPS-3', 'OPS-3'],
  ['https://acme.atlassian.net/jira/servicedesk/projects/SD/queues/custom/1/SD-12', 'SD-12'],
  ['https://acme.atlassian.net/servicedesk/customer/portal/2/SD-14', 'SD-14'],
  ['https://acme.atlassian.net/issues/?jql=project%3DACME&selectedIssue=ACME-5', 'ACME-5'],
  ['https://jira.corp.example/browse/OPS-42', 'OPS-42'],
  ['https://corp.example/jira/browse/OPS_2-42', 'OPS_2-42'],
  ['https://jira.corp.example/secure/RapidBoard.jspa?rapidView=3&selectedIssue=OPS-41', 'OPS-41'],
  ['https://jira.corp.example/projects/OPS/issues/OPS-40', 'OPS-40'],
];

/** Jira pages that are not one issue. */
const NOT_ISSUES = [
  'https://acme.atlassian.net/issues/?jql=project%20%3D%20ACME',
  'https://acme.atlassian.net/browse/ACME-1?jql=project%20%3D%20ACME',
  'https://acme.atlassian.net/browse/ACME-1?jql=',
  'https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1',
  'https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=not-a-key',
  'https://acme.atlassian.net/jira/your-work',
  'https://acme.atlassian.net/jira/dashboards/10000',
  'https://acme.atlassian.net/browse/ACME',
  'https://acme.atlassian.net/browse/ACME-0',
  'https://acme.atlassian.net/browse/1ACME-3',
  'https://acme.atlassian.net/browse/A-3',
  'https://jira.corp.example/secure/Dashboard.jspa',
  'https://jira.corp.example/projects/OPS/summary',
  'https://jira.corp.example/docs/UTF-8',
];

describe('Jira URLs', () => {
  it.each(ISSUES)('%s shows %s', (url, key) => {
    expect(issueKeyFromPath(new URL(url))).toBe(key);
  });

  it.each(NOT_ISSUES)('%s shows no single issue', (url) => {
    expect(issueKeyFromPath(new URL(url))).toBeNull();
  });

  it('answers URL-only questions on Atlassian Cloud and on known hosts only', () => {
    expect(jiraIssueFromUrl('https://acme.atlassian.net/browse/ACME-1')).toBe('ACME-1');
    expect(jiraIssueFromUrl('https://acme.atlassian.net/issues/?jql=x')).toBeNull();
    expect(jiraIssueFromUrl('https://jira.corp.example/browse/OPS-42')).toBeUndefined();
    expect(jiraIssueFromUrl('https://jira.corp.example/browse/OPS-42', ['jira.corp.example'])).toBe('OPS-42');
    expect(jiraIssueFromUrl('https://acme.atlassian.net/wiki/spaces/ENG/pages/1/X')).toBeUndefined();
    expect(jiraIssueFromUrl('https://example.com/browse/ACME-1')).toBeUndefined();
    expect(jiraIssueFromUrl('not a url')).toBeUndefined();
  });

  it('finds the project in the path', () => {
    expect(projectFromPath(new URL('https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1'))).toBe('ACME');
    expect(projectFromPath(new URL('https://jira.corp.example/browse/OPS'))).toBe('OPS');
    expect(projectFromPath(new URL('https://acme.atlassian.net/jira/your-work'))).toBeUndefined();
  });

  it('accepts only well-formed keys', () => {
    expect(asIssueKey(' acme-12 ')).toBe('ACME-12');
    expect(asIssueKey('ACME-')).toBeNull();
    expect(asIssueKey('ACME-12 and more')).toBeNull();
    expect(asIssueKey(null)).toBeNull();
  });
});

describe('Jira markup', () => {
  it('is recognised on any host from its meta tags or Cloud test ids', () => {
    expect(isJiraDocument(docWith('<meta name="ajs-issue-key" content="OPS-1">'))).toBe(true);
    expect(isJiraDocument(docWith('<meta name="application-name" content="JIRA">'))).toBe(true);
    expect(
      isJiraDocument(docWith('', '<h1 data-testid="issue.views.issue-base.foundation.summary.heading">x</h1>')),
    ).toBe(true);
    expect(isJiraDocument(docWith('<meta name="application-name" content="Confluence">'))).toBe(false);
    expect(isJiraDocument(emptyDoc())).toBe(false);
  });

  it('takes the key from the URL when it names one, else from the markup', () => {
    const server = docWith('<meta name="ajs-issue-key" content="OPS-42"><meta name="ajs-project-key" content="OPS">');
    expect(identifyJira(new URL('https://jira.corp.example/browse/OPS-7'), server).workItem).toBe('jira:jira.corp.example:OPS-7');
    expect(identifyJira(new URL('https://jira.corp.example/secure/ViewIssue.jspa?id=1'), server)).toEqual({
      workItem: 'jira:jira.corp.example:OPS-42',
      project: 'OPS',
    });
    const cloud = docWith(
      '',
      '<a data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"><span>ACME-9</span></a>',
    );
    expect(identifyJira(new URL('http://localhost:5173/issue.html'), cloud).workItem).toBe('jira:localhost:5173:ACME-9');
  });

  it('does not take a search page for the issue its markup happens to show', () => {
    const server = docWith('<meta name="ajs-issue-key" content="OPS-42">');
    const id = identifyJira(new URL('https://jira.corp.example/issues/?jql=project%3DOPS'), server);
    expect(id.workItem).toBe('https://jira.corp.example/issues?jql=project%3DOPS');
  });

  it('names a non-issue page by its URL, with the project when the path has one', () => {
    const id = identifyJira(new URL('https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?utm_source=x'), emptyDoc());
    expect(id).toEqual({
      workItem: 'https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1',
      project: 'ACME',
    });
  });
});
