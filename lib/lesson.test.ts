import { describe, expect, it } from 'vitest';
import { LessonDraftSchema, LessonPatchSchema, LessonSchema, MAX_QUOTE, clipQuote, deriveTitle, lessonTitle, normalizeTags } from './lesson';
import { uuidv7 } from './id';

const source = { url: 'https://acme.atlassian.net/browse/ACME-1', site: 'jira', workItem: 'jira:ACME-1', title: 'Flaky deploy' } as const;
const valid = {
  id: uuidv7(),
  kind: 'mistake',
  quote: 'The deploy failed twice',
  source,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('LessonSchema', () => {
  it('accepts a minimal lesson and fills defaults', () => {
    const l = LessonSchema.parse(valid);
    expect(l).toMatchObject({ note: '', tags: [], answers: [], actions: [], visibility: 'private', helped: 0 });
    expect(l.source.labels).toEqual([]);
  });

  it.each([
    ['unknown kind', { kind: 'rant' }],
    ['id that is not a UUID', { id: '42' }],
    ['timestamp that is not ISO', { createdAt: 'yesterday' }],
    ['unknown site', { source: { ...source, site: 'bitbucket' } }],
    ['empty work item', { source: { ...source, workItem: '' } }],
    ['quote over the limit', { quote: 'x'.repeat(MAX_QUOTE + 1) }],
    ['visibility that is neither private nor team', { visibility: 'public' }],
    ['action without text', { actions: [{ id: 'a', text: '  ', done: false }] }],
    ['due date that is not a day', { actions: [{ id: 'a', text: 'Fix', due: 'soon' }] }],
    ['position that ends before it starts', { anchor: { quote: { exact: 'a' }, position: { start: 5, end: 2 } } }],
  ])('rejects a lesson with %s', (_, change) => {
    expect(LessonSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('normalises tags: lower case, dashes for spaces, no duplicates, no leading #', () => {
    const l = LessonDraftSchema.parse({ kind: 'experience', source, tags: ['CI', ' flaky Tests ', 'ci', '#Deploy', ''] });
    expect(l.tags).toEqual(['ci', 'flaky-tests', 'deploy']);
  });

  it('keeps markup in text as text', () => {
    const l = LessonSchema.parse({ ...valid, quote: '<script>alert(1)</script>' });
    expect(l.quote).toBe('<script>alert(1)</script>');
  });
});

describe('LessonPatchSchema', () => {
  it('names only what it changes: no defaults fill the fields it leaves out', () => {
    expect(LessonPatchSchema.parse({ kind: 'mistake' })).toEqual({ kind: 'mistake' });
    expect(LessonPatchSchema.parse({ tags: ['A', 'a'] })).toEqual({ tags: ['a'] });
  });
  it('cannot move a lesson to another page', () => {
    expect(LessonPatchSchema.parse({ source: { url: 'x' } })).toEqual({});
  });
});

describe('titles', () => {
  it('derives a title from the first sentence, cut at a word and never with an ellipsis', () => {
    expect(deriveTitle('Retries hid the bug. Then it came back.')).toBe('Retries hid the bug.');
    const long = deriveTitle('word '.repeat(40), 30);
    expect(long).toBe(Array(6).fill('word').join(' '));
    expect(long).not.toContain('…');
  });

  it('shows its own title, else one made from its words, else the page', () => {
    const base = { title: '', quote: '', note: '', answers: [], source: { ...source, labels: [] } };
    expect(lessonTitle({ ...base, title: 'Written by hand', note: 'A note.' })).toBe('Written by hand');
    expect(lessonTitle({ ...base, quote: 'Quoted words', note: 'What we learned. More.' })).toBe('What we learned.');
    expect(lessonTitle({ ...base, quote: 'Quoted words' })).toBe('Quoted words');
    expect(lessonTitle({ ...base, question: { text: 'Why two deploys?', askedAt: valid.createdAt } })).toBe('Why two deploys?');
    expect(lessonTitle(base)).toBe('Flaky deploy');
  });
});

describe('clipQuote', () => {
  it('clips selections over the limit and says so', () => {
    expect(clipQuote('short')).toEqual({ quote: 'short', clipped: false });
    const { quote, clipped } = clipQuote('y'.repeat(MAX_QUOTE + 10));
    expect(clipped).toBe(true);
    expect(quote).toHaveLength(MAX_QUOTE);
  });
});

describe('normalizeTags', () => {
  it('keeps first-seen order', () => {
    expect(normalizeTags(['b', 'a', 'B'])).toEqual(['b', 'a']);
  });
});

describe('uuidv7', () => {
  it('makes version-7 UUIDs that sort by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});
