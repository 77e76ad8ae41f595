// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SourceSchema, type Source } from '../lesson';
import { FIXTURES, loadFixture } from '../../test/fixtures/sites/load';
import { contentRootSelector, detectSource, identifyPage, pageText } from './index';

/** The self-hosted installations the saved pages come from, as the person added them in options. */
const HOSTS = { hosts: { jira: ['jira.corp.example'], confluence: ['wiki.corp.example'], gitlab: ['gitlab.corp.example'] } };

type Expected = Omit<Source, 'excerpt' | 'labels'> & { labels: string[]; excerptStart: string; text: string[] };

/** What each saved page must read as; `text` lists sentences its page text must contain. */
const EXPECTED: Record<string, Expected> = {
  'jira-cloud-issue.html': {
    url: 'https://acme.atlassian.net/browse/ACME-123',
    site: 'jira',
    workItem: 'jira:acme.atlassian.net:ACME-123',
    title: 'Payment webhooks retried 40 times during provider outage',
    project: 'ACME',
    labels: ['incident', 'payments', 'retry-policy', 'Billing API'],
    status: 'In Progress',
    excerptStart: 'On 12 March between 14:05 and 14:50 UTC',
    text: ['re-enqueued the event without backoff', 'alert on retry rate, not only on queue depth'],
  },
  'jira-server-issue.html': {
    url: 'https://jira.corp.example/browse/OPS-42',
    site: 'jira',
    workItem: 'jira:jira.corp.example:OPS-42',
    title: 'Nightly build fails intermittently in OrderServiceIT',
    project: 'OPS',
    labels: ['flaky-test', 'ci', 'Build', 'Orders'],
    status: 'Open',
    excerptStart: 'OrderServiceIT.cancelsExpiredReservations fails',
    text: ['container clock and the database clock drift', 'goes to quarantine with a ticket'],
  },
  'jira-cloud-board.html': {
    url: 'https://acme.atlassian.net/jira/software/c/projects/ACME/boards/1?selectedIssue=ACME-7',
    site: 'jira',
    workItem: 'jira:acme.atlassian.net:ACME-7',
    title: 'Migrate session store from Redis 5 to Redis 7',
    project: 'ACME',
    labels: ['migration', 'redis', 'Sessions'],
    status: 'In Review',
    excerptStart: 'Sessions live in a single Redis 5 instance',
    text: ['dual-write doubled p99 write latency', 'one-off copy script'],
  },
  // Jira Cloud's markup, key and all, on a host nobody added: a web page like any other.
  'jira-lookalike.html': {
    url: 'http://localhost/browse/ACME-123',
    site: 'web',
    workItem: 'http://localhost/browse/ACME-123',
    title: '[ACME-123] Payment webhooks retried 40 times during provider outage',
    labels: [],
    excerptStart: 'On 12 March between 14:05 and 14:50 UTC',
    text: ['re-enqueued the event without backoff'],
  },
  'confluence-cloud-page.html': {
    url: 'https://acme.atlassian.net/wiki/spaces/ENG/pages/123456/Incident+Review',
    site: 'confluence',
    workItem: 'confluence:acme.atlassian.net:123456',
    title: 'Incident Review: checkout latency on 12 March',
    project: 'ENG',
    labels: ['postmortem', 'payments', 'incident'],
    excerptStart: 'Summary For 45 minutes checkout confirmation',
    text: ['Webhook processing moves to its own worker pool'],
  },
  'confluence-server-page.html': {
    url: 'https://wiki.corp.example/display/ENG/Runbook',
    site: 'confluence',
    workItem: 'confluence:wiki.corp.example:98765',
    title: 'Runbook',
    project: 'ENG',
    labels: ['runbook', 'postgresql', 'migration'],
    excerptStart: 'Database failover Use this when the primary PostgreSQL node',
    text: ['Fencing first costs thirty seconds'],
  },
  'github-issue.html': {
    url: 'https://github.com/acme/web/issues/12',
    site: 'github',
    workItem: 'github:acme/web#12',
    title: 'CheckoutFlow.spec flakes on CI: confirmation button not yet enabled',
    project: 'acme/web',
    labels: ['bug', 'flaky-test', 'e2e'],
    status: 'open',
    excerptStart: 'The end-to-end test CheckoutFlow.spec fails about once in ten runs',
    text: ['rendered enabled-looking with aria-disabled', 'I will open a PR'],
  },
  'github-pull.html': {
    url: 'https://github.com/acme/web/pull/34',
    site: 'github',
    workItem: 'github:acme/web#34',
    title: 'Use a fake clock in the reservation sweeper tests',
    project: 'acme/web',
    labels: ['testing', 'flaky-test'],
    status: 'merged',
    excerptStart: 'Fixes OPS-42.',
    text: ['0 failures, against 83 failures in 500 runs'],
  },
  'github-discussion.html': {
    url: 'https://github.com/acme/web/discussions/5',
    site: 'github',
    workItem: 'github:acme/web#5',
    title: 'How do we roll out schema migrations without downtime?',
    project: 'acme/web',
    labels: ['database', 'migration'],
    status: 'open',
    excerptStart: "Last month's migration that added a NOT NULL column",
    text: ['We follow expand and contract'],
  },
  'gitlab-issue.html': {
    url: 'https://gitlab.com/acme/platform/checkout/-/issues/12',
    site: 'gitlab',
    workItem: 'gitlab:acme/platform/checkout#12',
    title: 'Card payments are charged twice when the provider times out',
    project: 'acme/platform/checkout',
    labels: ['bug', 'payments', 'priority::1'],
    excerptStart: 'When the payment provider answers after our 10 second timeout',
    text: ['Derive the idempotency key from the order id', 'The retry must reuse the key of the first attempt.'],
  },
  'gitlab-merge-request.html': {
    url: 'https://gitlab.corp.example/platform/payments-api/-/merge_requests/34',
    site: 'gitlab',
    workItem: 'gitlab:gitlab.corp.example:platform/payments-api!34',
    title: "Reuse the first attempt's idempotency key on retries",
    project: 'gitlab.corp.example/platform/payments-api',
    labels: ['payments', 'reliability'],
    status: 'merged',
    excerptStart: 'Closes acme/platform/checkout#12.',
    text: ['asks the provider for the state of the first charge', 'every retry returned the original charge id'],
  },
  'generic-article.html': {
    url: 'https://blog.example.com/2024/03/what-a-flaky-test-taught-us',
    site: 'web',
    workItem: 'https://blog.example.com/2024/03/what-a-flaky-test-taught-us',
    title: 'What a flaky test taught us about red builds',
    labels: ['testing', 'ci', 'flaky tests', 'continuous integration'],
    excerptStart: 'A test that failed one night in six hid two real regressions.',
    text: ['What a flaky test taught us about red builds', 'Protecting the meaning of a red build'],
  },
  'hostile-runtime.html': {
    url: 'https://blog.example.com/2024/05/hostile-runtime',
    site: 'web',
    workItem: 'https://blog.example.com/2024/05/hostile-runtime',
    title: 'What the canary caught',
    labels: [],
    excerptStart: 'Our canary caught the bad config',
    text: ['The rollback took four minutes because the previous image was still warm on every node.'],
  },
  'hostile.html': {
    url: 'https://jira.corp.example/browse/SEC-1',
    site: 'jira',
    workItem: 'jira:jira.corp.example:SEC-1',
    title: 'Summary with <script>window.__lessonmarkPwned=1</script> and <img src=x onerror="window.__lessonmarkPwned=1"> as text',
    project: 'SEC',
    labels: ['<img src=x onerror=window.__lessonmarkPwned=1>', '<script>window.__lessonmarkPwned=1</script>', 'real-element'],
    status: '<b onmouseover=window.__lessonmarkPwned=1>Open',
    excerptStart: 'A security review found that issue summaries are copied',
    text: ['autoescape off for one partial'],
  },
};

describe('saved pages', () => {
  it('every fixture has an expectation', () => {
    expect(FIXTURES.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(FIXTURES)('%s', (file) => {
    const expected = EXPECTED[file];

    it('reads as its source', () => {
      const { url, doc } = loadFixture(file);
      const { excerptStart, text: _text, ...fields } = expected;
      const source = detectSource(url, doc, HOSTS);
      expect(source).toMatchObject(fields);
      expect(source.project).toBe(fields.project);
      expect(source.status).toBe(fields.status);
      expect(source.excerpt?.startsWith(excerptStart)).toBe(true);
      expect(source.excerpt!.length).toBeLessThanOrEqual(300);
      expect(SourceSchema.parse(source)).toEqual(source);
    });

    it('identifies cheaply as the same work item', () => {
      const { url, doc } = loadFixture(file);
      expect(identifyPage(url, doc, HOSTS)).toEqual({
        site: expected.site,
        workItem: expected.workItem,
        project: expected.project,
        url: expected.url,
      });
    });

    it('is keyed the same from its URL alone when the URL names the work item', () => {
      const { url, doc } = loadFixture(file);
      const fromPage = identifyPage(url, doc, HOSTS);
      const fromUrl = identifyPage(url, undefined, { hosts: { [fromPage.site]: [new URL(url).host] } });
      // Only a Confluence Server page addressed by its title needs the markup for its page id.
      if (file === 'confluence-server-page.html') expect(fromUrl.workItem).toBe(url);
      else expect(fromUrl).toEqual(fromPage);
    });

    it('has a content root that exists and holds the main text', () => {
      const { doc } = loadFixture(file);
      const selector = contentRootSelector(expected.site, doc);
      expect(selector).not.toBe('body');
      expect(doc.querySelector(selector)?.textContent).toContain(expected.text.at(-1));
    });

    it('gives the main text for relatedness', () => {
      const { url, doc } = loadFixture(file);
      const text = pageText(url, doc, HOSTS);
      for (const sentence of expected.text) expect(text).toContain(sentence);
      expect(text).not.toContain('Privacy');
    });
  });
});

describe('self-hosted pages are known on the hosts the person added, never by markup alone', () => {
  it.each([
    ['jira-server-issue.html', 'jira:localhost:4173:OPS-42'],
    ['confluence-server-page.html', 'confluence:localhost:4173:98765'],
    ['hostile.html', 'jira:localhost:4173:SEC-1'],
  ])('%s served from localhost', (file, workItem) => {
    const { doc } = loadFixture(file);
    const url = `http://localhost:4173/${file}`;
    expect(identifyPage(url, doc)).toMatchObject({ site: 'web', workItem: url });
    expect(identifyPage(url, doc, { hosts: { jira: ['localhost:4173'] } }).workItem).toBe(workItem);
  });

  it('GitHub Enterprise on another host', () => {
    const { doc } = loadFixture('github-issue.html');
    const url = 'https://git.corp.example/acme/web/issues/12';
    expect(detectSource(url, doc).site).toBe('web');
    expect(detectSource(url, doc, { hosts: { github: ['git.corp.example'] } })).toMatchObject({
      site: 'github',
      workItem: 'github:git.corp.example/acme/web#12',
      project: 'git.corp.example/acme/web',
      status: 'open',
      labels: ['bug', 'flaky-test', 'e2e'],
    });
  });

  it('GitLab on a host added as another product: the markup names the site, the URL the work item', () => {
    const { doc } = loadFixture('gitlab-merge-request.html');
    const url = 'http://localhost:4173/platform/payments-api/-/merge_requests/34';
    expect(identifyPage(url, doc).site).toBe('web');
    expect(identifyPage(url, doc, { hosts: { jira: ['localhost:4173'] } })).toMatchObject({
      site: 'gitlab',
      workItem: 'gitlab:localhost:4173:platform/payments-api!34',
      project: 'localhost:4173/platform/payments-api',
    });
  });

  it('the same page without its product markup on an added host is still that product', () => {
    const { doc } = loadFixture('jira-server-issue.html');
    for (const el of doc.querySelectorAll('meta')) el.remove();
    doc.body.removeAttribute('id');
    expect(identifyPage('https://jira.corp.example/browse/OPS-42', doc).site).toBe('web');
    expect(identifyPage('https://jira.corp.example/browse/OPS-42', doc, { hosts: { jira: ['jira.corp.example'] } })).toMatchObject({
      site: 'jira',
      workItem: 'jira:jira.corp.example:OPS-42',
    });
  });
});

describe('single-page apps that changed page without a load', () => {
  it('Jira: markup still showing another issue is not read as the new one', () => {
    const { doc } = loadFixture('jira-cloud-issue.html');
    const source = detectSource('https://acme.atlassian.net/browse/ACME-124', doc);
    expect(source).toMatchObject({ workItem: 'jira:acme.atlassian.net:ACME-124', title: '', labels: [] });
    expect(source.status).toBeUndefined();
    expect(source.excerpt).toBeUndefined();
  });

  it('Confluence Cloud: meta tags left from the first page are not the title of the next', () => {
    const { doc } = loadFixture('confluence-cloud-page.html');
    doc.querySelector('[data-testid="title-text"]')!.textContent = 'Checkout runbook';
    const source = detectSource('https://acme.atlassian.net/wiki/spaces/ENG/pages/999/Checkout+runbook', doc);
    expect(source).toMatchObject({ workItem: 'confluence:acme.atlassian.net:999', title: 'Checkout runbook' });
  });
});
