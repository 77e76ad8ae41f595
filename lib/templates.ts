import { type Action, type Anchor, type Answer, type LessonDraftInput, type Pillar, type Source, type Visibility } from './lesson';
import { PILLAR_INFO } from './pillars';
import { makeTitle } from './title';

/** A template's filled fields: one text per question of the pillar, in the pillar's order. */
export type TemplateFields = string[];

/** Empty fields for a pillar's template. */
export function emptyFields(pillar: Pillar): TemplateFields {
  return PILLAR_INFO[pillar].questions.map(() => '');
}

/** The lesson's `answers` for a filled template: one per template question, in order, trimmed. */
export function templateAnswers(pillar: Pillar, fields: readonly string[]): Answer[] {
  return PILLAR_INFO[pillar].questions.map((question, i) => ({ question, answer: (fields[i] ?? '').trim() }));
}

/**
 * A template's fields from a lesson's answers. Answers are matched by question text, so a
 * lesson saved under another pillar (or before a question was reworded) keeps what still fits.
 */
export function templateFields(pillar: Pillar, answers: readonly Answer[]): TemplateFields {
  return PILLAR_INFO[pillar].questions.map((q) => answers.find((a) => a.question === q)?.answer ?? '');
}

/** True when nothing worth saving was typed. */
export function isBlank(fields: readonly string[], note = ''): boolean {
  return fields.every((f) => !f.trim()) && !note.trim();
}

/** The page a lesson or question is about: its source and, when text was selected, the quote and anchor. */
export interface PageStart {
  source: Source;
  quote: string;
  anchor?: Anchor;
}

/** What a template form holds. */
export interface TemplateValues {
  fields: readonly string[];
  note: string;
  actions: Action[];
  tags: string[];
  visibility: Visibility;
}

/** A filled template as a `saveLesson` draft about the page (and its selection, if any), titled by its words. */
export function templateDraft(pillar: Pillar, page: PageStart, values: TemplateValues): LessonDraftInput {
  const note = values.note.trim();
  const answers = templateAnswers(pillar, values.fields);
  return {
    kind: pillar,
    title: makeTitle({ note, answers, quote: page.quote }),
    quote: page.quote,
    ...(page.quote && page.anchor ? { anchor: page.anchor } : {}),
    note,
    answers,
    actions: values.actions,
    tags: values.tags,
    visibility: values.visibility,
    source: page.source,
  };
}
