import { type Lesson, type LessonDraftInput, type LessonPatch, type Pillar } from './lesson';
import { suggestTags } from './tags';
import { templateAnswers, type PageStart, type TemplateValues } from './templates';
import { clipAtWord } from './title';

/** A quick "Why…?" as a draft: an open `question` lesson titled by the question, tagged from the page. */
export function questionDraft(text: string, page: PageStart, now: Date, askedBy?: string): LessonDraftInput {
  const question = text.replace(/\s+/g, ' ').trim();
  if (!question) throw new Error('A question needs some text');
  return {
    kind: 'question',
    title: clipAtWord(question),
    question: { text: question, askedAt: now.toISOString(), ...(askedBy ? { askedBy } : {}) },
    source: page.source,
    quote: page.quote,
    ...(page.quote && page.anchor ? { anchor: page.anchor } : {}),
    tags: suggestTags(page.source),
  };
}

/** Still waiting for an answer. */
export function isOpenQuestion(lesson: Pick<Lesson, 'kind' | 'deletedAt'>): boolean {
  return lesson.kind === 'question' && !lesson.deletedAt;
}

/** What the person fills in to answer a question: the pillar it turned out to be, and that pillar's template. */
export interface QuestionAnswer extends TemplateValues {
  pillar: Pillar;
}

/**
 * The `updateLesson` patch that turns a question into a lesson of the chosen pillar. The question
 * itself is kept (who asked, when); a question saved without one keeps its title as the question.
 */
export function answerPatch(lesson: Lesson, answer: QuestionAnswer): LessonPatch {
  const question = lesson.question ?? (lesson.kind === 'question' && lesson.title.trim()
    ? { text: lesson.title.trim(), askedAt: lesson.createdAt }
    : undefined);
  return {
    kind: answer.pillar,
    answers: templateAnswers(answer.pillar, answer.fields),
    note: answer.note.trim(),
    actions: answer.actions,
    tags: answer.tags,
    visibility: answer.visibility,
    ...(question ? { question } : {}),
  };
}
