/**
 * Deterministic prose pages for anchoring tests and the benchmark: paragraphs of lesson-like
 * sentences in nested sections, lists and tables, from a seeded PRNG over a small vocabulary.
 * Same-vocabulary text is the hard case for refusing absent quotes: every phrase looks familiar.
 */
import { prng } from '../../../test/support/prng';

const SUBJECTS = ['the team', 'our release', 'the deploy', 'the on-call engineer', 'the build', 'the migration', 'the review', 'the customer', 'the pipeline', 'the rollback', 'the incident', 'the dashboard', 'the retro', 'the cache', 'the database', 'the sprint', 'the payment service', 'the search index', 'our staging cluster', 'the mobile client', 'the nightly job', 'the load balancer', 'the feature flag', 'the support queue', 'the design doc', 'the vendor SDK', 'the auth proxy', 'the billing export'];
const ADVERBS = ['', '', '', 'quietly ', 'again ', 'suddenly ', 'finally ', 'repeatedly ', 'briefly ', 'badly '];
const VERBS = ['failed', 'slowed down', 'recovered', 'was delayed', 'improved', 'broke', 'stalled', 'shipped', 'timed out', 'regressed', 'stabilised', 'doubled', 'paged us', 'needed a fix', 'surprised us', 'dropped requests', 'lost data', 'ran out of memory', 'blocked the release', 'confused new hires', 'saved us a week'];
const CLAUSES = ['because the config was stale', 'after the schema change', 'when traffic peaked', 'since nobody owned the alert', 'once we added a retry', 'until the index was rebuilt', 'while the queue kept growing', 'because the tests were flaky', 'after we split the service', 'when the certificate expired', 'before anyone noticed', 'as the error budget ran out', 'because the runbook was wrong', 'after the vendor changed their API', 'during the holiday freeze', 'right after the load test', 'because two teams changed the same file', 'when the disk filled up', 'once the cron schedule drifted', 'because the timeout was too short', 'after a partial outage in one region'];
const WHEN = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'last week', 'in March', 'in the spring', 'at night', 'during the demo', 'in sprint 14', 'before the audit'];
const TAILS = ['next time we will check it first', 'we should automate this', 'the fix took two hours', 'latency went up by forty percent', 'nobody was paged', 'we lost a day of work', 'the numbers look better now', 'we wrote a runbook for it', 'the pattern keeps repeating', 'we need an owner for this', 'the checklist now covers it', 'error rates fell below one percent', 'we moved the alert to the right channel', 'the product owner agreed to pause features', 'we pair on these changes now', 'a canary would have caught it'];

export function sentence(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  let s = `${pick(SUBJECTS)} ${pick(ADVERBS)}${pick(VERBS)} ${pick(CLAUSES)}`;
  if (rand() < 0.4) s += ` ${pick(WHEN)}`;
  if (rand() < 0.5) s += `, and ${pick(TAILS)}`;
  if (rand() < 0.5) s += ` (case ${Math.floor(rand() * 10000)})`;
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

/** Builds prose of about `chars` characters under `parent`, using the DOM (no markup strings). */
export function buildProse(parent: Element, chars: number, seed: number): void {
  const doc = parent.ownerDocument;
  const rand = prng(seed);
  let total = 0;
  let section: Element = parent;
  let n = 0;
  while (total < chars) {
    if (n % 20 === 0) {
      section = doc.createElement('section');
      parent.append(section);
      const h = doc.createElement('h2');
      h.textContent = `Part ${n / 20 + 1}`;
      section.append('\n  ', h);
    }
    n++;
    const kind = rand();
    let block: Element;
    if (kind < 0.1) {
      block = doc.createElement('ul');
      for (let i = 0; i < 3; i++) {
        const li = doc.createElement('li');
        li.textContent = sentence(rand);
        block.append('\n    ', li);
      }
    } else if (kind < 0.15) {
      block = doc.createElement('table');
      const tr = doc.createElement('tr');
      for (let i = 0; i < 2; i++) {
        const td = doc.createElement('td');
        td.textContent = sentence(rand);
        tr.append(td);
      }
      block.append(tr);
    } else {
      block = doc.createElement('p');
      const count = 2 + Math.floor(rand() * 4);
      for (let i = 0; i < count; i++) {
        const s = sentence(rand);
        if (rand() < 0.3) {
          const cut = s.indexOf(' ', 10);
          const b = doc.createElement(rand() < 0.5 ? 'b' : 'a');
          b.textContent = s.slice(0, cut);
          block.append(b, s.slice(cut), i + 1 < count ? (rand() < 0.2 ? '\n      ' : ' ') : '');
        } else {
          block.append(s, i + 1 < count ? ' ' : '');
        }
      }
    }
    const div = doc.createElement('div');
    div.append(block);
    section.append('\n  ', div);
    total += block.textContent!.length + 1;
  }
}
