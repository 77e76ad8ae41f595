import { uuidv7 } from '../id';
import type { Action, Answer, Kind, Lesson, LessonPatch, Visibility } from '../lesson';
import { PILLARS } from '../lesson-basics';
import { PILLAR_INFO } from '../pillars';

/** The fields the library's editor changes. */
export interface EditDraft {
  title: string;
  kind: Kind;
  note: string;
  answers: Answer[];
  actions: Action[];
  tags: string[];
  visibility: Visibility;
}

const isPillar = (k: Kind): k is (typeof PILLARS)[number] => (PILLARS as readonly string[]).includes(k);

/**
 * The answer boxes for a kind: one per template question of its pillar, filled from answers
 * given before; answers to other questions (another pillar's) are kept while they hold text, so
 * changing the kind never throws writing away.
 */
export function answersFor(kind: Kind, answers: readonly Answer[]): Answer[] {
  const questions = isPillar(kind) ? PILLAR_INFO[kind].questions : [];
  const given = new Map(answers.map((a) => [a.question, a.answer]));
  const out = questions.map((question) => ({ question, answer: given.get(question) ?? '' }));
  for (const a of answers) if (!questions.includes(a.question) && a.answer.trim()) out.push(a);
  return out;
}

export function draftOf(l: Lesson): EditDraft {
  return {
    title: l.title,
    kind: l.kind,
    note: l.note,
    answers: answersFor(l.kind, l.answers),
    actions: l.actions,
    tags: l.tags,
    visibility: l.visibility,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the person changed; empty answer boxes and empty actions are not stored. */
export function changesOf(l: Lesson, d: EditDraft): LessonPatch {
  const patch: LessonPatch = {};
  if (d.title.trim() !== l.title) patch.title = d.title.trim();
  if (d.kind !== l.kind) patch.kind = d.kind;
  if (d.note !== l.note) patch.note = d.note;
  const answers = d.answers.filter((a) => a.answer.trim());
  if (!same(answers, l.answers.filter((a) => a.answer.trim()))) patch.answers = answers;
  const actions = d.actions.filter((a) => a.text.trim()).map(cleanAction);
  if (!same(actions, l.actions)) patch.actions = actions;
  if (!same(d.tags, l.tags)) patch.tags = d.tags;
  if (d.visibility !== l.visibility) patch.visibility = d.visibility;
  return patch;
}

/** The `updateLesson` patch for a save: only the fields that changed, or null when none did. */
export function patchOf(l: Lesson, d: EditDraft): LessonPatch | null {
  const changes = changesOf(l, d);
  return Object.keys(changes).length ? changes : null;
}

/** An action as stored: text trimmed, an empty owner or due day left out rather than kept blank. */
function cleanAction({ owner, due, ...a }: Action): Action {
  return { ...a, text: a.text.trim(), ...(owner?.trim() ? { owner: owner.trim() } : {}), ...(due ? { due } : {}) };
}

export function newAction(text = ''): Action {
  return { id: uuidv7(), text, done: false };
}

/** Ticking an action records when, for the weekly look back's "actions done". */
export function setActionDone(a: Action, done: boolean, now = new Date()): Action {
  if (done === a.done) return a;
  if (done) return { ...a, done: true, doneAt: now.toISOString() };
  const { doneAt: _was, ...rest } = a;
  return { ...rest, done: false };
}
