import { describe, expect, it } from 'vitest';
import { answersFor, changesOf, draftOf, newAction, patchOf, setActionDone } from './edit';
import { makeLesson } from '../../test/support/library-lessons';

describe('lesson editing', () => {
  it('offers one answer box per template question, filled from earlier answers', () => {
    const answers = answersFor('mistake', [{ question: 'Why did this happen?', answer: 'No review' }]);
    expect(answers).toEqual([
      { question: 'Why did this happen?', answer: 'No review' },
      { question: 'What patterns are emerging?', answer: '' },
      { question: 'How do we prevent it?', answer: '' },
    ]);
  });

  it('keeps answers to another pillar\'s questions when the kind changes', () => {
    const answers = answersFor('performance', [
      { question: 'Why did this happen?', answer: 'No review' },
      { question: 'How do we prevent it?', answer: '' },
    ]);
    expect(answers.map((a) => a.question)).toEqual([
      'Which number moved?',
      'What does it teach us?',
      'What will we try?',
      'Why did this happen?',
    ]);
    expect(answersFor('question', [])).toEqual([]);
  });

  it('finds what changed', () => {
    const l = makeLesson({ kind: 'mistake', title: 'Old', tags: ['a'] });
    const d = draftOf(l);
    expect(changesOf(l, d)).toEqual({});
    expect(patchOf(l, d)).toBeNull();
    const next = { ...d, title: ' New ', tags: ['a', 'b'], visibility: 'team' as const };
    next.answers = next.answers.map((a, i) => (i === 0 ? { ...a, answer: 'Because' } : a));
    expect(changesOf(l, next)).toEqual({
      title: 'New',
      tags: ['a', 'b'],
      visibility: 'team',
      answers: [{ question: 'Why did this happen?', answer: 'Because' }],
    });
  });

  it('drops empty actions and trims the rest', () => {
    const l = makeLesson({});
    const a = { ...newAction('  Write the runbook '), owner: 'Ana' };
    const blank = { ...newAction('Call Bo'), owner: ' ', due: '' };
    expect(changesOf(l, { ...draftOf(l), actions: [a, newAction(''), blank] }).actions).toEqual([
      { ...a, text: 'Write the runbook' },
      { id: blank.id, text: 'Call Bo', done: false },
    ]);
  });

  it('saves with every defaulted field, so the store cannot blank the ones left unchanged', async () => {
    const { LessonPatchSchema } = await import('../lesson');
    const l = makeLesson({ kind: 'mistake', title: 'Keep', quote: 'the quote', note: 'the note', tags: ['a'], actions: [{ id: 'x', text: 'Do', done: false }] });
    const patch = patchOf(l, { ...draftOf(l), visibility: 'team' })!;
    const stored = { ...l, ...LessonPatchSchema.parse(patch) };
    expect(stored).toEqual({ ...l, visibility: 'team' });
  });

  it('records when an action is done and forgets it when undone', () => {
    const a = newAction('x');
    const done = setActionDone(a, true, new Date('2025-03-12T10:00:00Z'));
    expect(done).toMatchObject({ done: true, doneAt: '2025-03-12T10:00:00.000Z' });
    expect(setActionDone(done, true)).toBe(done);
    expect(setActionDone(done, false)).toEqual({ id: a.id, text: 'x', done: false });
  });
});
