import { afterEach, describe, expect, it } from 'vitest';
import { speak } from '@/test/support/i18n';
import { itemKind, onItemTitle, projectWord, sameItemReason, sameProjectReason } from './item-kind';

describe('itemKind and sameItemReason', () => {
  it('names GitHub items by what the path says they are', () => {
    expect(sameItemReason({ site: 'github', url: 'https://github.com/acme/web/issues/12' })).toBe('same issue');
    expect(sameItemReason({ site: 'github', url: 'https://github.com/acme/web/pull/7' })).toBe('same pull request');
    expect(sameItemReason({ site: 'github', url: 'https://github.com/acme/web/pull/7/files' })).toBe('same pull request');
    expect(sameItemReason({ site: 'github', url: 'https://github.com/acme/web/discussions/3' })).toBe('same discussion');
    // GitHub Enterprise paths are the same.
    expect(itemKind({ site: 'github', url: 'https://git.corp.example/acme/web/pull/9' })).toBe('pull request');
  });

  it('falls back to issue for a GitHub page whose path names no kind', () => {
    expect(itemKind({ site: 'github', url: 'https://github.com/acme/web' })).toBe('issue');
    expect(itemKind({ site: 'github', url: 'not a url' })).toBe('issue');
    expect(itemKind({ site: 'github', url: 'https://github.com/acme/web/constructor/1' })).toBe('issue');
  });

  it('calls a Jira item a ticket and Confluence or other pages a page', () => {
    expect(sameItemReason({ site: 'jira', url: 'https://acme.atlassian.net/browse/ACME-1' })).toBe('same ticket');
    expect(sameItemReason({ site: 'confluence', url: 'https://wiki.corp.example/wiki/spaces/OPS/pages/1' })).toBe('same page');
    expect(sameItemReason({ site: 'web', url: 'https://blog.example/post' })).toBe('same page');
  });

  it('calls GitLab items what GitLab calls them', () => {
    expect(sameItemReason({ site: 'gitlab', url: 'https://gitlab.com/acme/web/-/merge_requests/34/diffs' })).toBe('same merge request');
    expect(sameItemReason({ site: 'gitlab', url: 'https://gitlab.com/acme/web/-/issues/12' })).toBe('same issue');
    expect(sameItemReason({ site: 'gitlab', url: 'https://gitlab.com/groups/acme/-/epics/5' })).toBe('same epic');
  });

  it("names each site's project the one way people say it", () => {
    expect(projectWord('jira')).toBe('project');
    expect(projectWord('confluence')).toBe('space');
    expect(projectWord('github')).toBe('repository');
    expect(projectWord('gitlab')).toBe('project');
    expect(projectWord('web')).toBe('site');
  });

  describe('in German', () => {
    afterEach(() => speak('en'));
    it('puts the right article before each kind of item', () => {
      speak('de');
      expect(onItemTitle({ site: 'github', url: 'https://github.com/acme/web/pull/7' })).toBe('Zu diesem Pull Request');
      expect(onItemTitle({ site: 'web', url: 'https://blog.example/post' })).toBe('Zu dieser Seite');
      expect(sameItemReason({ site: 'jira', url: 'https://acme.atlassian.net/browse/ACME-1' })).toBe('dasselbe Ticket');
      expect(sameItemReason({ site: 'gitlab', url: 'https://gitlab.com/acme/web/-/merge_requests/34' })).toBe('derselbe Merge Request');
      expect(sameProjectReason('github', 'acme/web')).toBe('dasselbe Repository acme/web');
    });
  });
});
