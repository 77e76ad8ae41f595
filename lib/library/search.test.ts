import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type LibraryFilters } from './filters';
import { LibraryIndex } from './library-index';
import { narrows, tokenize } from './search';
import { makeLesson } from '../../test/support/library-lessons';

const f = (over: Partial<LibraryFilters>): LibraryFilters => ({ ...EMPTY_FILTERS, ...over });

const deploy = makeLesson({
  title: 'Rollback plan missing',
  kind: 'mistake',
  note: 'The deploy had no rollback; Friday releases hurt.',
  tags: ['incident', 'deploy'],
  source: { site: 'jira', project: 'ACME', workItem: 'jira:ACME-1' },
  author: 'Ana',
  visibility: 'team',
  createdAt: '2025-03-12T10:00:00.000Z',
  helped: 1,
});
const perf = makeLesson({
  title: 'Latency dropped',
  kind: 'performance',
  quote: 'p95 went from 800ms to 200ms',
  tags: ['latency'],
  source: { site: 'github', project: 'acme/api' },
  author: 'Bo',
  createdAt: '2025-03-05T10:00:00.000Z',
  helped: 5,
  actions: [{ id: 'a1', text: 'Cache the user lookup', done: false }],
});
const question = makeLesson({
  title: '',
  kind: 'question',
  question: { text: 'Why do we deploy on Fridays?', askedAt: '2025-02-01T10:00:00.000Z' },
  source: { site: 'confluence', project: 'OPS' },
  createdAt: '2025-02-01T10:00:00.000Z',
});
const gone = makeLesson({ title: 'Deleted deploy lesson', deletedAt: '2025-03-13T00:00:00.000Z' });

const index = () => LibraryIndex.from([perf, question, deploy, gone]);
const ids = (results: { ids(): string[] }) => results.ids();

describe('LibraryIndex', () => {
  it('lists live lessons newest first and leaves tombstones out', () => {
    expect(ids(index().query(EMPTY_FILTERS))).toEqual([deploy.id, perf.id, question.id]);
  });

  it('finds words anywhere in title, question, quote, note, actions, tags and source, case-insensitively', () => {
    const i = index();
    expect(ids(i.query(f({ q: 'DEPLOY' })))).toEqual([deploy.id, question.id]);
    expect(ids(i.query(f({ q: 'p95' })))).toEqual([perf.id]);
    expect(ids(i.query(f({ q: 'cache user' })))).toEqual([perf.id]);
    expect(ids(i.query(f({ q: 'acme-1' })))).toEqual([deploy.id]);
    expect(ids(i.query(f({ q: 'roll' })))).toEqual([deploy.id]);
  });

  it('needs every word, in any order, within one lesson', () => {
    const i = index();
    expect(ids(i.query(f({ q: 'friday rollback' })))).toEqual([deploy.id]);
    // "latency" is in one lesson and "fridays" in another: no lesson has both.
    expect(ids(i.query(f({ q: 'latency fridays' })))).toEqual([]);
  });

  it('filters by kind, tag, site, project, author, visibility, dates and open items', () => {
    const i = index();
    expect(ids(i.query(f({ kind: 'performance' })))).toEqual([perf.id]);
    expect(ids(i.query(f({ tags: ['incident', 'deploy'] })))).toEqual([deploy.id]);
    expect(ids(i.query(f({ tags: ['incident', 'latency'] })))).toEqual([]);
    expect(ids(i.query(f({ site: 'confluence' })))).toEqual([question.id]);
    expect(ids(i.query(f({ project: 'acme' })))).toEqual([deploy.id]);
    expect(ids(i.query(f({ author: 'bo' })))).toEqual([perf.id]);
    expect(ids(i.query(f({ visibility: 'team' })))).toEqual([deploy.id]);
    expect(ids(i.query(f({ from: '2025-03-01', to: '2025-03-06' })))).toEqual([perf.id]);
    expect(ids(i.query(f({ open: 'questions' })))).toEqual([question.id]);
    expect(ids(i.query(f({ open: 'actions' })))).toEqual([perf.id]);
    expect(ids(i.query(f({ q: 'deploy', site: 'jira' })))).toEqual([deploy.id]);
  });

  it('sorts newest, oldest and most helped', () => {
    const i = index();
    expect(ids(i.query(f({ sort: 'oldest' })))).toEqual([question.id, perf.id, deploy.id]);
    expect(ids(i.query(f({ sort: 'helped' })))).toEqual([perf.id, deploy.id, question.id]);
  });

  it('takes in edits and deletions', () => {
    const i = index();
    i.upsert([{ ...perf, title: 'Latency doubled', tags: ['latency', 'incident'] }]);
    expect(ids(i.query(f({ tags: ['incident'] })))).toEqual([deploy.id, perf.id]);
    expect(ids(i.query(f({ q: 'dropped' })))).toEqual([]);
    i.upsert([{ ...deploy, deletedAt: '2025-03-14T00:00:00.000Z' }]);
    expect(i.has(deploy.id)).toBe(false);
    expect(ids(i.query(EMPTY_FILTERS))).toEqual([perf.id, question.id]);
    i.remove([question.id]);
    expect(i.size).toBe(1);
  });

  it('offers tags by use, projects and authors', () => {
    const facets = index().facets();
    expect(facets.tags[0]).toEqual(['deploy', 1]);
    expect(facets.projects).toEqual(['ACME', 'acme/api', 'OPS']);
    expect(facets.authors).toEqual(['Ana', 'Bo']);
  });

  it('tokenizes longest word first, without repeats', () => {
    expect(tokenize('  a Deploy  a friday ')).toEqual(['deploy', 'friday', 'a']);
    expect(tokenize('   ')).toEqual([]);
  });

  it('answers every query right on a large library', () => {
    const lessons = Array.from({ length: 3000 }, (_, k) =>
      makeLesson({ title: `Lesson number ${k}`, source: { url: 'https://example.com/same', workItem: 'same' }, note: k % 7 === 0 ? 'needle in here' : 'hay', createdAt: new Date(Date.UTC(2024, 0, 1) + k * 60_000).toISOString() }),
    );
    const i = LibraryIndex.from(lessons);
    const found = i.query(f({ q: 'needle' }));
    expect(found.length).toBe(Math.ceil(3000 / 7));
    expect(found.idAt(0)).toBe(lessons[2996].id);
    expect(ids(i.query(f({ q: 'number 2999' })))).toEqual([lessons[2999].id]);
  });

  it('finds edited, new and removed lessons right after the text was joined, and while typing on', () => {
    const lessons = Array.from({ length: 2500 }, (_, k) =>
      makeLesson({ title: `Entry ${k}`, note: k % 2 ? 'alpha beta' : 'alpha', source: { url: 'https://example.com/s', workItem: 's' }, createdAt: new Date(Date.UTC(2024, 0, 1) + k * 60_000).toISOString() }),
    );
    const i = LibraryIndex.from(lessons);
    expect(i.query(f({ q: 'alp' })).length).toBe(2500);
    expect(i.query(f({ q: 'alpha be' })).length).toBe(1250);
    const newest = makeLesson({ title: 'Newest', note: 'alpha beta gamma', createdAt: '2030-01-01T00:00:00.000Z' });
    i.upsert([{ ...lessons[1], note: 'gamma' }, newest]);
    i.upsert([{ ...lessons[3], deletedAt: '2030-01-02T00:00:00.000Z' }]);
    expect(i.query(f({ q: 'alpha beta' })).length).toBe(1250 - 2 + 1);
    expect(ids(i.query(f({ q: 'gamma' })))).toEqual([newest.id, lessons[1].id]);
    expect(ids(i.query(f({ q: 'gamma alpha' })))).toEqual([newest.id]);
    expect(i.size).toBe(2500);
    expect(i.ids()[0]).toBe(newest.id);
  });

  it('knows when a query only narrows the previous one', () => {
    expect(narrows(['soc'], ['socket'])).toBe(true);
    expect(narrows(['socket'], ['socket', 'buf'])).toBe(true);
    expect(narrows(['socket'], ['sock'])).toBe(false);
    expect(narrows(['a', 'b'], ['ab'])).toBe(true);
  });
});
