import type { Kind, Pillar } from './lesson';

export interface PillarInfo {
  kind: Pillar;
  /** What the person picks in a form. */
  label: string;
  /** The popup's name for the template. */
  template: string;
  /** The questions this pillar asks, in this order. */
  questions: readonly string[];
}

/** The four pillars of a learning culture and the questions each asks. */
export const PILLAR_INFO: Record<Pillar, PillarInfo> = {
  experience: {
    kind: 'experience',
    label: 'Experience',
    template: 'Reflect',
    questions: ['What went well?', 'What went wrong?', 'What will we do differently next time?'],
  },
  mistake: {
    kind: 'mistake',
    label: 'Mistake',
    template: 'Post-mortem',
    questions: ['Why did this happen?', 'What patterns are emerging?', 'How do we prevent it?'],
  },
  performance: {
    kind: 'performance',
    label: 'Performance',
    template: 'Numbers',
    questions: ['Which number moved?', 'What does it teach us?', 'What will we try?'],
  },
  improvement: {
    kind: 'improvement',
    label: 'Improvement',
    template: 'Improve',
    questions: ['What is inefficient or risky here?', 'Why do we do it this way?', 'What would be better?'],
  },
};

export const KIND_LABEL: Record<Kind, string> = {
  experience: 'Experience',
  mistake: 'Mistake',
  performance: 'Performance',
  improvement: 'Improvement',
  question: 'Question',
};
