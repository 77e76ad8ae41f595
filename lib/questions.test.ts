import { describe, expect, it } from 'vitest';
import { LessonDraftSchema, LessonPatchSchema, LessonSchema, type Lesson, type Source } from './lesson';
import { answerPatch, isOpenQuestion, questionDraft } from './questions';
import { TITLE_MAX } from './title';

const source: Source = {
  url: 'https://acme.atlassian.net/browse/ACME-123',
  site: 'jira',
  workItem: 'jira:ACME-123',
  title: 'Checkout fails on retry',
  project: 'ACME',
  labels: ['Payments', 'incident'],
};
const now = new Date('2026-03-04T10:00:00Z');

function question(extra: Partial<Lesson> = {}): Lesson {
  const draft = LessonDraftSchema.parse(questionDraft('Why do we retry  twice?', { source, quote: '' }, now, 'ana'));
  return LessonSchema.parse({ ...draft, id: '0190a6d2-6b7e-7c3a-9d2e-1a2b3c4d5e6f', createdAt: now.toISOString(), updatedAt: now.toISOString(), ...extra });
}

describe('questionDraft', () => {
  it('makes an open question titled by the question, with the page source and page tags', () => {
    const draft = LessonDraftSchema.parse(questionDraft('  Why do we retry  twice? ', { source, quote: '' }, now));
    expect(draft.kind).toBe('question');
    expect(draft.title).toBe('Why do we retry twice?');
    expect(draft.question).toEqual({ text: 'Why do we retry twice?', askedAt: '2026-03-04T10:00:00.000Z' });
    expect(draft.source).toEqual(source);
    expect(draft.tags).toEqual(['acme', 'payments', 'incident']);
    expect(draft.anchor).toBeUndefined();
  });

  it('keeps the selection it was asked about', () => {
    const anchor = { root: 'body', quote: { type: 'TextQuoteSelector' as const, exact: 'retry twice', prefix: '', suffix: '' } };
    const draft = LessonDraftSchema.parse(questionDraft('Why?', { source, quote: 'retry twice', anchor }, now, 'ana'));
    expect(draft.quote).toBe('retry twice');
    expect(draft.anchor?.quote.exact).toBe('retry twice');
    expect(draft.question?.askedBy).toBe('ana');
  });

  it('refuses an empty question and clips a long title at a word, without an ellipsis', () => {
    expect(() => questionDraft('   ', { source, quote: '' }, now)).toThrow();
    const long = `Why ${'very '.repeat(100)}long?`;
    const draft = LessonDraftSchema.parse(questionDraft(long, { source, quote: '' }, now));
    expect(draft.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(long.startsWith(`${draft.title} `)).toBe(true);
    expect(draft.question?.text).toBe(long);
  });
});

describe('answerPatch', () => {
  it('turns a question into a lesson of the chosen pillar and keeps the question', () => {
    const q = question();
    const action = { id: 'a1', text: 'Add an idempotency key', owner: 'ana', due: '2026-03-10', done: false };
    const patch = LessonPatchSchema.parse(
      answerPatch(q, {
        pillar: 'mistake',
        fields: ['No idempotency key', 'Retries without keys', ' Add keys '],
        note: ' see PR ',
        actions: [action],
        tags: ['payments'],
        visibility: 'team',
      }),
    );
    expect(patch.kind).toBe('mistake');
    expect(patch.answers).toEqual([
      { question: 'Why did this happen?', answer: 'No idempotency key' },
      { question: 'What patterns are emerging?', answer: 'Retries without keys' },
      { question: 'How do we prevent it?', answer: 'Add keys' },
    ]);
    expect(patch.note).toBe('see PR');
    expect(patch.actions).toEqual([action]);
    expect(patch.visibility).toBe('team');
    expect(patch.question).toEqual({ text: 'Why do we retry twice?', askedBy: 'ana', askedAt: '2026-03-04T10:00:00.000Z' });
    // Applied as the background applies it: the question's title and quote survive.
    const applied = { ...q, ...patch };
    expect(applied.title).toBe('Why do we retry twice?');
    expect(applied.quote).toBe(q.quote);
    expect(isOpenQuestion(applied)).toBe(false);
  });

  it('recovers the question from the title when a question lesson lacks one', () => {
    const q = { ...question(), question: undefined, title: 'Why no cache?' };
    const patch = answerPatch(q, { pillar: 'improvement', fields: [], note: '', actions: [], tags: [], visibility: 'private' });
    expect(patch.question).toEqual({ text: 'Why no cache?', askedAt: q.createdAt });
  });

  it('knows which lessons are open questions', () => {
    expect(isOpenQuestion(question())).toBe(true);
    expect(isOpenQuestion(question({ deletedAt: now.toISOString() }))).toBe(false);
    expect(isOpenQuestion({ kind: 'experience' })).toBe(false);
  });
});
