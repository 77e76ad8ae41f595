import { KINDS, type Kind, type Lesson } from '../lesson';
import { t } from '../i18n';

export interface SelectOptions {
  /** Tombstoned lessons are left out unless asked for (a backup wants them, a document does not). */
  includeDeleted?: boolean;
}

/**
 * The order lessons are grouped in everywhere we write them out: lessons from failure first (a
 * blameless post-mortem is the one most worth retelling), then the other pillars, then
 * open questions.
 */
export const KIND_ORDER: readonly Kind[] = ['mistake', ...KINDS.filter((k) => k !== 'mistake')];

/** Export and weekly look back headings, in the browser's language. */
export const KIND_HEADING: Readonly<Record<Kind, string>> = {
  get mistake() {
    return t('export.heading.mistake');
  },
  get experience() {
    return t('export.heading.experience');
  },
  get performance() {
    return t('export.heading.performance');
  },
  get improvement() {
    return t('export.heading.improvement');
  },
  get question() {
    return t('export.heading.question');
  },
};

/** Oldest first, ties broken by id, so an export of the same lessons is byte-for-byte the same. */
export function byCreated(a: Lesson, b: Lesson): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

export function selectLessons(lessons: readonly Lesson[], opts: SelectOptions = {}): Lesson[] {
  return lessons.filter((l) => opts.includeDeleted || !l.deletedAt).sort(byCreated);
}

export function groupByKind(lessons: readonly Lesson[]): { kind: Kind; heading: string; lessons: Lesson[] }[] {
  return KIND_ORDER.map((kind) => ({
    kind,
    heading: KIND_HEADING[kind],
    lessons: lessons.filter((l) => l.kind === kind),
  })).filter((g) => g.lessons.length > 0);
}
