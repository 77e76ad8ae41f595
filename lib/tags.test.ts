import { describe, expect, it } from 'vitest';
import type { Source } from './lesson';
import { pageTags, rankTags, suggestTags, type TagUse } from './tags';

const jira = (key: string, project = key.split('-')[0], host = 'acme.atlassian.net'): Source => ({
  url: `https://${host}/browse/${key}`,
  site: 'jira',
  workItem: `jira:${host}:${key}`,
  title: '',
  project,
  labels: [],
});
const github: Source = {
  url: 'https://github.com/kepano/defuddle/issues/3',
  site: 'github',
  workItem: 'github:kepano/defuddle#3',
  title: '',
  project: 'kepano/defuddle',
  labels: ['bug'],
};
const blog = (path: string, host = 'blog.example.com'): Source => ({ url: `https://${host}${path}`, site: 'web', workItem: `https://${host}${path}`, title: '', labels: [] });

let n = 0;
const use = (source: Source, tags: string[], deleted = false): TagUse => ({
  id: `l${n++}`,
  source,
  tags,
  ...(deleted ? { deletedAt: '2026-01-01T00:00:00.000Z' } : {}),
});

describe('rankTags', () => {
  it('ranks by use weighted by closeness: this work item, then its project, then its site', () => {
    const here = jira('ACME-1');
    const history = [
      use(jira('ACME-1'), ['retry']),
      use(jira('ACME-2'), ['queue', 'retry']),
      use(jira('ACME-3'), ['queue']),
      use(jira('OPS-9'), ['oncall']),
      use(jira('OPS-10'), ['oncall']),
      use(jira('OPS-11'), ['oncall']),
    ];
    // retry: 4 + 2, queue: 2 + 2, oncall: 1 × 3 (same Jira site, another project).
    expect(rankTags(here, history)).toEqual(['retry', 'queue', 'oncall']);
  });

  it('offers nothing from other sites, other hosts, or deleted lessons', () => {
    const history = [use(github, ['kepano/defuddle', 'cloudflare-workers']), use(jira('ACME-5', 'ACME', 'other.atlassian.net'), ['elsewhere']), use(jira('ACME-1'), ['gone'], true)];
    expect(rankTags(jira('ACME-1'), history)).toEqual([]);
    expect(rankTags(blog('/a'), [use(blog('/b'), ['writing']), use(blog('/c', 'news.example.org'), ['news'])])).toEqual(['writing']);
  });

  it('counts a lesson once however many queries found it', () => {
    const l = use(jira('ACME-2'), ['queue']);
    const other = use(jira('ACME-3'), ['retry']);
    expect(rankTags(jira('ACME-1'), [l, l, l, other])).toEqual(['queue', 'retry']);
  });
});

describe('suggestTags', () => {
  it('puts the page first (project, labels and components), then history, and never the site name', () => {
    expect(pageTags(github)).toEqual(['kepano/defuddle', 'bug']);
    expect(suggestTags(github, ['github', 'parser', 'bug'])).toEqual(['kepano/defuddle', 'bug', 'parser']);
    expect(suggestTags({ ...jira('ACME-1'), labels: ['Payments', 'Webhooks'] }, ['jira'])).toEqual(['acme', 'payments', 'webhooks']);
  });
});
