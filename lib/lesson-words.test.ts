import { describe, expect, it } from 'vitest';
import { afterTitle, givenAnswers, lessonWords, titleRepeatsQuote } from './lesson-words';

describe('lessonWords', () => {
  it('is the note, on one line', () => {
    expect(lessonWords({ note: '  Pairing halved the review time.\n\nDo it again. ', answers: [{ question: 'What went well?', answer: 'x' }] })).toBe(
      'Pairing halved the review time. Do it again.',
    );
  });

  it('is the answers written, in order, when there is no note', () => {
    const answers = [
      { question: 'Why did this happen?', answer: 'Nobody owned the runbook' },
      { question: 'What patterns are emerging?', answer: '  ' },
      { question: 'How do we prevent it?', answer: 'A rollback step\nin every checklist' },
    ];
    expect(lessonWords({ note: '', answers })).toBe('Nobody owned the runbook · A rollback step in every checklist');
    expect(givenAnswers(answers).map((a) => a.question)).toEqual(['Why did this happen?', 'How do we prevent it?']);
  });

  it('is empty when the lesson has no words of its own', () => {
    expect(lessonWords({ note: ' ', answers: [{ question: 'Why?', answer: '' }] })).toBe('');
  });
});

describe('titleRepeatsQuote', () => {
  const quote = 'We shipped on Friday at 17:00. Nobody could roll back.';
  it('is true for a title cut from the start of the quote, with or without an ellipsis', () => {
    expect(titleRepeatsQuote('We shipped on Friday at 17:00.', quote)).toBe(true);
    expect(titleRepeatsQuote('We shipped on Friday…', quote)).toBe(true);
    expect(titleRepeatsQuote(quote, quote)).toBe(true);
    expect(titleRepeatsQuote('We  shipped\non Friday', quote)).toBe(true);
  });
  it('is false for a title of its own, or without a quote', () => {
    expect(titleRepeatsQuote('Deploy without a rollback plan', quote)).toBe(false);
    expect(titleRepeatsQuote('Nobody could roll back.', quote)).toBe(false);
    expect(titleRepeatsQuote('Anything', '')).toBe(false);
    expect(titleRepeatsQuote('', quote)).toBe(false);
  });
});

describe('afterTitle', () => {
  it('drops a title that is the whole text or its first sentence, and nothing else', () => {
    expect(afterTitle('Queue depth is a late signal.', 'Queue depth is a late signal.')).toBe('');
    expect(afterTitle('Run long migrations in batches.', 'Run long migrations in batches.\n Check the lock first.')).toBe('Check the lock first.');
    // A written title that shares the first words: the text reads whole.
    expect(afterTitle('Pairing on the migration', 'Pairing on the migration halved the review time.')).toBe('Pairing on the migration halved the review time.');
    expect(afterTitle('Deploys', 'The deploy failed.')).toBe('The deploy failed.');
    expect(afterTitle('', 'Anything.')).toBe('Anything.');
  });
});
