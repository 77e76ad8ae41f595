import { LessonSchema, type Lesson, type LessonInput, type Source } from '../../lib/lesson';

let counter = 0;

/** A valid lesson for tests; ids and times follow creation order unless given. */
export function lesson(over: Partial<Omit<LessonInput, 'source'>> & { source?: Partial<Source> } = {}): Lesson {
  const n = ++counter;
  const { source, ...rest } = over;
  const at = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
  return LessonSchema.parse({
    id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    kind: 'mistake',
    createdAt: at,
    updatedAt: at,
    ...rest,
    source: { url: `https://example.test/${n}`, site: 'web', workItem: `https://example.test/${n}`, ...source },
  });
}

export function page(over: Partial<Source> = {}): Source {
  return { url: 'https://acme.atlassian.net/browse/ACME-7', site: 'jira', workItem: 'jira:ACME-7', title: '', labels: [], ...over };
}

/**
 * Lessons on subjects other than the checkout incident below; several share a word or two with
 * it ("service", "load", "timeout", "pool", "connection", "checkout"), as real notes do.
 */
export const UNRELATED: Array<{ title: string; quote: string; note: string; tags: string[] }> = [
  {
    title: 'Flaky login test on CI',
    quote: 'The login spec waits for a fixed 2 seconds instead of waiting for the redirect.',
    note: 'Replace sleeps with explicit waits; the CI runners are slower than laptops.',
    tags: ['testing', 'login'],
  },
  {
    title: 'Thread pool sizing for image resizing workers',
    quote: 'Resizing is CPU bound, so more threads than cores only adds context switches.',
    note: 'Size the worker pool to the number of cores.',
    tags: ['performance'],
  },
  {
    title: 'Git checkout of a detached HEAD lost commits',
    quote: 'git checkout of a tag leaves you on a detached HEAD; commits made there are easy to lose.',
    note: 'Create a branch before committing; git reflog finds lost commits.',
    tags: ['git'],
  },
  {
    title: 'Load test plan for the search service',
    quote: 'Ramp to 500 requests per second over ten minutes and hold for an hour.',
    note: 'Agree on the plan with the owners of the search cluster before running it.',
    tags: ['load-testing'],
  },
  {
    title: 'DNS TTL too long during failover',
    quote: 'Clients kept resolving the old address for an hour after the failover.',
    note: 'Lower the TTL a day before planned migrations.',
    tags: ['dns', 'incident'],
  },
  {
    title: 'Retrospective: release notes were late',
    quote: 'Nobody owned the release notes, so they were written after the release.',
    note: 'Assign an owner in the planning meeting.',
    tags: ['process'],
  },
  {
    title: 'Timezone bug in the invoice export',
    quote: 'Dates were formatted in UTC, so invoices issued late in the evening showed the next day.',
    note: 'Format with the customer time zone.',
    tags: ['dates'],
  },
  {
    title: 'Memory leak in the websocket gateway',
    quote: 'Listeners were added on every reconnect and never removed.',
    note: 'Remove listeners on close; heap snapshots showed the growth.',
    tags: ['memory', 'websocket'],
  },
  {
    title: 'Swimming pool booking page timeout',
    quote: 'The booking widget from the vendor times out when the calendar has many events.',
    note: 'Ask the vendor for pagination of calendar events.',
    tags: ['vendor'],
  },
  {
    title: 'Onboarding checklist for new engineers',
    quote: 'Access requests took a week because the manager approval step was unclear.',
    note: 'Request access before the first day.',
    tags: ['onboarding'],
  },
  {
    title: 'Database migration locked the orders table',
    quote: 'Adding a column with a default rewrote the table and held an exclusive lock for minutes.',
    note: 'Add the column without default, backfill in batches, then set the default.',
    tags: ['postgres', 'migrations'],
  },
  {
    title: 'Connection refused from the metrics agent',
    quote: 'The agent started before the network was up and never retried.',
    note: 'Start it after network-online.target.',
    tags: ['monitoring'],
  },
  {
    title: 'Feature flag left on in production',
    quote: 'A flag meant for the beta cohort stayed enabled for everyone after the experiment.',
    note: 'Flags get an expiry date and an owner.',
    tags: ['feature-flags'],
  },
  {
    title: 'Slow CSV import for large customers',
    quote: 'Each row was inserted in its own transaction.',
    note: 'Batch inserts in groups of a thousand rows.',
    tags: ['performance', 'import'],
  },
  {
    title: 'Service worker cached an old bundle',
    quote: 'Users saw the previous version until they closed every tab.',
    note: 'Use skipWaiting with a reload prompt.',
    tags: ['frontend', 'caching'],
  },
  {
    title: 'Expired TLS certificate on the staging host',
    quote: 'The certificate renewal cron job had been disabled during a migration.',
    note: 'Alert thirty days before expiry.',
    tags: ['tls', 'staging'],
  },
  {
    title: 'Question about code review turnaround',
    quote: 'Pull requests waited two days for a first review.',
    note: 'Agree on a same-day first look for small changes.',
    tags: ['process', 'code-review'],
  },
  {
    title: 'Kafka consumer lag after deploy',
    quote: 'A rebalance storm followed the rolling restart of twenty consumers.',
    note: 'Use cooperative sticky assignment.',
    tags: ['kafka'],
  },
  {
    title: 'Cart totals rounding error',
    quote: 'Summing floating point prices gave totals off by a cent.',
    note: 'Keep money in integer cents.',
    tags: ['money', 'cart'],
  },
  {
    title: 'Disk full on the build server',
    quote: 'Old docker images filled the disk and builds failed with cryptic errors.',
    note: 'Prune images nightly.',
    tags: ['build', 'docker'],
  },
];

/** The lesson the checkout page should find by its text alone: no shared tags, other words. */
export const SAME_FAILURE = {
  title: 'Connection pool exhaustion caused 502s in checkout',
  quote: 'During the sale the checkout pods ran out of database connections and the gateway answered 502.',
  note: 'Raise the pool size only with the database max_connections in mind; add a queue timeout and alert on pool saturation.',
  tags: ['postmortem'],
};

/** A 3,000-character ticket about the same failure as SAME_FAILURE. */
export const CHECKOUT_PAGE_TITLE = 'Checkout service returns 502 under load';
export const CHECKOUT_PAGE = `Checkout service returns 502 under load after the connection pool is exhausted.

Summary: since the deploy on Tuesday, the checkout service intermittently returns HTTP 502 Bad Gateway
to customers placing orders. The errors start when traffic rises above roughly 300 requests per second
and stop when it falls again. The gateway logs show upstream resets from the checkout pods.

Observations: the checkout pods log "timeout acquiring connection from pool" shortly before each burst
of 502 responses. The database itself is healthy: CPU is below 40 percent and there are no slow
queries. The connection pool is configured with 10 connections per pod and the pods scale to 12
replicas under load, which was fine before the deploy. The deploy added a call to the loyalty
service inside the order transaction, so each connection is now held for the duration of an HTTP
call to another service. Connections are exhausted while the loyalty call waits.

Steps to reproduce: run the load profile "black-friday-lite" against staging with 12 checkout pods.
After about two minutes, the pool is exhausted and the gateway begins returning 502 for new orders.

Expected: checkout keeps accepting orders at 300 requests per second with p99 latency under 800 ms.
Actual: about 8 percent of checkout requests fail with 502 once the pool is exhausted.

Ideas: move the loyalty call out of the transaction, or make it asynchronous; set a shorter acquire
timeout so requests fail fast with a clear error instead of piling up; add metrics for pool usage,
waiting requests and acquire time; review the pool size against the database connection limit.`;
