import { describe, expect, it } from 'vitest';
import { clipAtWord, joinAnswers, makeTitle, migratedTitle, TITLE_MAX } from './title';

const answers = (...texts: string[]) => texts.map((answer, i) => ({ question: `Q${i}`, answer }));
const parts = (over: Partial<Parameters<typeof makeTitle>[0]> = {}) => ({ note: '', answers: [], quote: '', ...over });

describe('makeTitle', () => {
  it('takes the note first sentence, then the answers, then the question, then the quote', () => {
    const all = parts({
      note: 'Backoff needs a cap. Otherwise retries pile up.',
      answers: answers('No backoff on 503'),
      question: { text: 'Why do we retry?' },
      quote: 'each webhook was retried up to 40 times',
    });
    expect(makeTitle(all)).toBe('Backoff needs a cap.');
    expect(makeTitle({ ...all, note: '  ' })).toBe('No backoff on 503.');
    expect(makeTitle({ ...all, note: '', answers: answers('', '') })).toBe('Why do we retry?');
    expect(makeTitle(parts({ quote: 'each webhook was retried up to 40 times. Then it stopped.' }))).toBe('each webhook was retried up to 40 times.');
    expect(makeTitle(parts())).toBe('');
  });

  it('joins template answers as sentences, skipping empty ones, keeping the punctuation given', () => {
    expect(joinAnswers(['p99 went up', '', '  the cache   was cold  ', 'Try warming it!'])).toBe('p99 went up. the cache was cold. Try warming it!');
    expect(makeTitle(parts({ answers: answers('Flaky test', '', 'Quarantine it') }))).toBe('Flaky test. Quarantine it.');
    expect(makeTitle(parts({ answers: answers('Why? Nobody knew', 'Patterns: none') }))).toBe('Why? Nobody knew. Patterns: none.');
  });

  it('cuts long text at a word boundary, within the limit, with no ellipsis and no dangling comma', () => {
    const long = 'Connection pool exhaustion behind the load balancer, returned 502s for every request during the deploy window and after';
    const title = makeTitle(parts({ quote: long }));
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(long.startsWith(title)).toBe(true);
    expect(title).not.toMatch(/[…,\s]$/);
    expect(long[title.length]).toBe(' ');
    expect(clipAtWord('one two, three', 9)).toBe('one two');
    // A single word longer than the limit is cut inside it rather than dropped.
    expect(clipAtWord('x'.repeat(150), 20)).toBe('x'.repeat(20));
  });
});

describe('migratedTitle', () => {
  it('makes titles that were cut from the quote again, by the lesson’s words', () => {
    const quote = 'The retry policy was written for single dropped deliveries and nobody revisited it when traffic grew tenfold.';
    expect(migratedTitle({ ...parts({ quote }), title: 'The retry policy was written for single dropped deliveries and nobody revisited it…' })).toBe(
      'The retry policy was written for single dropped deliveries and nobody revisited it when traffic grew',
    );
    expect(migratedTitle({ ...parts({ quote, note: 'Revisit policies when load grows.' }), title: 'The retry policy was written…' })).toBe('Revisit policies when load grows.');
    // Not cut, but made from the quote: the note now leads.
    expect(migratedTitle({ ...parts({ quote: 'Pool exhausted. Again.', note: 'Size pools by peak.' }), title: 'Pool exhausted.' })).toBe('Size pools by peak.');
    // A question title cut at 300 characters by the old rule.
    const text = `Why ${'really '.repeat(60)}?`;
    expect(migratedTitle({ ...parts({ question: { text } }), title: `${text.slice(0, 290)}…` })).toBe(makeTitle(parts({ question: { text } })));
  });

  it('keeps what a person wrote, only without a trailing ellipsis', () => {
    const lesson = parts({ quote: 'Pool exhausted.', note: 'Size pools by peak.' });
    expect(migratedTitle({ ...lesson, title: 'Our outage of March…' })).toBe('Our outage of March');
    expect(migratedTitle({ ...lesson, title: 'Our outage of March' })).toBeNull();
    expect(migratedTitle({ ...lesson, title: 'Wait for it...' })).toBeNull();
    expect(migratedTitle({ ...parts({ quote: 'Pool exhausted.' }), title: 'Pool exhausted.' })).toBeNull();
    expect(migratedTitle({ ...parts(), title: '' })).toBeNull();
  });
});
