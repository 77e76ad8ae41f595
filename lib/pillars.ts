import { t } from './i18n';
import type { Kind, Pillar } from './lesson';

export interface PillarInfo {
  kind: Pillar;
  /** What the person picks in a form. */
  label: string;
  /** The popup's name for the template. */
  template: string;
  /**
   * The questions this pillar asks, in this order, in English: saved lessons keep them with their
   * answers, so they name the answers in every language. `asked` is what a person reads.
   */
  questions: readonly string[];
  /** The questions in the browser's language. */
  asked: readonly string[];
}

/** The four pillars of a learning culture and the questions each asks. */
export const PILLAR_INFO: Record<Pillar, PillarInfo> = {
  experience: {
    kind: 'experience',
    get label() {
      return t('pillars.experience.label');
    },
    get template() {
      return t('pillars.experience.template');
    },
    get asked() {
      return [t('pillars.experience.q1'), t('pillars.experience.q2'), t('pillars.experience.q3')];
    },
    questions: ['What went well?', 'What went wrong?', 'What will we do differently next time?'],
  },
  mistake: {
    kind: 'mistake',
    get label() {
      return t('pillars.mistake.label');
    },
    get template() {
      return t('pillars.mistake.template');
    },
    get asked() {
      return [t('pillars.mistake.q1'), t('pillars.mistake.q2'), t('pillars.mistake.q3')];
    },
    questions: ['Why did this happen?', 'What patterns are emerging?', 'How do we prevent it?'],
  },
  performance: {
    kind: 'performance',
    get label() {
      return t('pillars.performance.label');
    },
    get template() {
      return t('pillars.performance.template');
    },
    get asked() {
      return [t('pillars.performance.q1'), t('pillars.performance.q2'), t('pillars.performance.q3')];
    },
    questions: ['Which number moved?', 'What does it teach us?', 'What will we try?'],
  },
  improvement: {
    kind: 'improvement',
    get label() {
      return t('pillars.improvement.label');
    },
    get template() {
      return t('pillars.improvement.template');
    },
    get asked() {
      return [t('pillars.improvement.q1'), t('pillars.improvement.q2'), t('pillars.improvement.q3')];
    },
    questions: ['What is inefficient or risky here?', 'Why do we do it this way?', 'What would be better?'],
  },
};

/** What each kind of lesson is called, in the browser's language. */
export const KIND_LABEL: Readonly<Record<Kind, string>> = {
  get experience() {
    return t('pillars.experience.label');
  },
  get mistake() {
    return t('pillars.mistake.label');
  },
  get performance() {
    return t('pillars.performance.label');
  },
  get improvement() {
    return t('pillars.improvement.label');
  },
  get question() {
    return t('pillars.question');
  },
};

/** A saved answer's question as a person reads it: a pillar's own question in their language, any other as saved. */
export function askedAs(question: string): string {
  for (const info of Object.values(PILLAR_INFO)) {
    const i = info.questions.indexOf(question);
    if (i >= 0) return info.asked[i];
  }
  return question;
}
