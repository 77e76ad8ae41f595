import { describe, expect, it } from 'vitest';
import { LessonDraftSchema, PILLARS } from './lesson';
import { PILLAR_INFO } from './pillars';
import { emptyFields, isBlank, templateAnswers, templateDraft, templateFields } from './templates';

describe('templates', () => {
  it.each(PILLARS)('%s: each template question maps to one answer, in order', (pillar) => {
    const questions = PILLAR_INFO[pillar].questions;
    const fields = questions.map((_, i) => `  answer ${i + 1} `);
    const answers = templateAnswers(pillar, fields);
    expect(answers).toEqual(questions.map((question, i) => ({ question, answer: `answer ${i + 1}` })));
    expect(templateFields(pillar, answers)).toEqual(questions.map((_, i) => `answer ${i + 1}`));
  });

  it('names the seed questions of each template', () => {
    expect(templateAnswers('mistake', ['a', 'b', 'c']).map((a) => a.question)).toEqual([
      'Why did this happen?',
      'What patterns are emerging?',
      'How do we prevent it?',
    ]);
    expect(PILLAR_INFO.experience.template).toBe('Reflect');
    expect(templateAnswers('improvement', []).map((a) => a.question)[1]).toBe('Why do we do it this way?');
  });

  it('keeps unanswered questions as empty answers and ignores extra fields', () => {
    const answers = templateAnswers('performance', ['p99 went up']);
    expect(answers).toHaveLength(3);
    expect(answers.map((a) => a.answer)).toEqual(['p99 went up', '', '']);
    expect(templateAnswers('performance', ['1', '2', '3', '4'])).toHaveLength(3);
  });

  it('maps answers back by question, not position, so another pillar keeps what fits', () => {
    const answers = [
      { question: 'Why do we do it this way?', answer: 'history' },
      { question: 'Unrelated', answer: 'x' },
    ];
    expect(templateFields('improvement', answers)).toEqual(['', 'history', '']);
    expect(templateFields('mistake', answers)).toEqual(['', '', '']);
  });

  it('knows a blank template', () => {
    expect(emptyFields('experience')).toEqual(['', '', '']);
    expect(isBlank(['', '  '])).toBe(true);
    expect(isBlank(['', ''], 'a note')).toBe(false);
  });
});

describe('templateDraft', () => {
  const source = { url: 'https://github.com/acme/web/pull/34', site: 'github' as const, workItem: 'github:acme/web#34', title: 'Fix', labels: [] };
  const values = { fields: ['Flaky test', '', 'Quarantine it'], note: ' n ', actions: [], tags: ['ci'], visibility: 'team' as const };

  it('is a valid draft of the pillar with the page, its selection and the answers', () => {
    const anchor = { root: 'body', quote: { type: 'TextQuoteSelector' as const, exact: 'timeout', prefix: '', suffix: '' } };
    const draft = LessonDraftSchema.parse(templateDraft('mistake', { source, quote: 'timeout', anchor }, values));
    expect(draft).toMatchObject({ kind: 'mistake', title: 'n', quote: 'timeout', note: 'n', tags: ['ci'], visibility: 'team', source });
    expect(draft.anchor?.quote.exact).toBe('timeout');
    expect(draft.answers.map((a) => a.answer)).toEqual(['Flaky test', '', 'Quarantine it']);
  });

  it('is page-level without a selection, titled by its answers as sentences when it has no note', () => {
    const draft = LessonDraftSchema.parse(templateDraft('experience', { source, quote: 'timeout' }, { ...values, note: '' }));
    expect(draft.title).toBe('Flaky test. Quarantine it.');
    const pageLevel = LessonDraftSchema.parse(templateDraft('experience', { source, quote: '' }, values));
    expect(pageLevel.anchor).toBeUndefined();
  });
});
