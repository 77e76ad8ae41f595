import { describe, expect, it } from 'vitest';
import { SiteSchema } from '../lesson';
import { adapterOf, ADAPTERS, FALLBACK, HOST_KINDS, SITES, siteLabel } from './registry';

describe('the registry of sites', () => {
  it('lists each site once, the web last as the fallback', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ADAPTERS.at(-1)).toBe(FALLBACK);
    expect(FALLBACK.isPublicHost(new URL('https://example.com/'))).toBe(false);
  });

  it('gives the lesson schema its sites', () => {
    expect([...SITES]).toEqual(ADAPTERS.map((a) => a.id));
    for (const site of SITES) expect(SiteSchema.parse(site)).toBe(site);
    expect(SiteSchema.safeParse('bitbucket').success).toBe(false);
  });

  it('offers self-hosted installations for every site but the web', () => {
    expect(HOST_KINDS).toEqual(ADAPTERS.filter((a) => a !== FALLBACK).map((a) => a.id));
    expect(HOST_KINDS).toContain('gitlab');
  });

  it('answers an unknown site with the web adapter', () => {
    expect(adapterOf('bitbucket')).toBe(FALLBACK);
    expect(adapterOf('constructor')).toBe(FALLBACK);
    expect(siteLabel('gitlab')).toBe('GitLab');
    expect(siteLabel('web')).toBe('Web');
  });

  it('claims each public host for one site only', () => {
    const urls = [
      'https://acme.atlassian.net/browse/ACME-1',
      'https://acme.atlassian.net/wiki/spaces/ENG/pages/1/X',
      'https://acme.jira.com/browse/ACME-1',
      'https://github.com/acme/web/issues/1',
      'https://gitlab.com/acme/web/-/issues/1',
    ];
    for (const url of urls) expect(ADAPTERS.filter((a) => a.isPublicHost(new URL(url)))).toHaveLength(1);
  });
});
