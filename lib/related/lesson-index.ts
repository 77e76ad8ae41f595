import { normalizeTag, normalizeTags, type Lesson } from '../lesson';
import { FullTextIndex, type WeightedText } from './fulltext';

const NONE: ReadonlySet<string> = new Set();

/** Title and tags say what a lesson is about more densely than its quote or note. */
const FIELD_WEIGHTS = { title: 2, tags: 2, body: 1 } as const;

export function lessonFields(lesson: Lesson): WeightedText[] {
  const answers = lesson.answers.length ? lesson.answers.map((a) => `${a.question}\n${a.answer}`).join('\n') : '';
  return [
    { text: lesson.title, weight: FIELD_WEIGHTS.title },
    { text: lesson.tags.join(' '), weight: FIELD_WEIGHTS.tags },
    { text: lesson.quote, weight: FIELD_WEIGHTS.body },
    { text: lesson.note, weight: FIELD_WEIGHTS.body },
    { text: answers, weight: FIELD_WEIGHTS.body },
    { text: lesson.question?.text ?? '', weight: FIELD_WEIGHTS.body },
  ];
}

/** Projects, spaces and repositories compare without regard to case ("ACME" is "acme"). */
export function projectKey(project: string | undefined): string | null {
  const key = project?.trim().toLowerCase();
  return key ? key : null;
}

/** A lesson's tags together with the labels of the page it was captured on. */
export function lessonTags(lesson: Lesson): string[] {
  // Tags are normalised by the schema already; labels are the page's own spelling.
  return lesson.source.labels.length ? normalizeTags([...lesson.tags, ...lesson.source.labels]) : lesson.tags;
}

/**
 * The live (not deleted) lessons, with lookups by work item, project and tag, and a full-text
 * index over their text. Kept up to date as lessons change rather than rebuilt per page.
 */
export class RelatedIndex {
  readonly text: FullTextIndex;
  private readonly lessons = new Map<string, Lesson>();
  private readonly byWorkItem = new Map<string, Set<string>>();
  private readonly byProject = new Map<string, Set<string>>();
  private readonly byTag = new Map<string, Set<string>>();

  constructor(lessons: Iterable<Lesson> = []) {
    const live: Lesson[] = [];
    for (const lesson of lessons) {
      if (lesson.deletedAt || this.lessons.has(lesson.id)) continue;
      this.remember(lesson);
      live.push(lesson);
    }
    this.text = FullTextIndex.build(live.map((l) => [l.id, lessonFields(l)]));
  }

  get size(): number {
    return this.lessons.size;
  }

  get(id: string): Lesson | undefined {
    return this.lessons.get(id);
  }

  /** Adds a lesson, or replaces the one with its id; a deleted lesson is removed instead. */
  add(lesson: Lesson): void {
    this.remove(lesson.id);
    if (lesson.deletedAt) return;
    this.remember(lesson);
    this.text.add(lesson.id, lessonFields(lesson));
  }

  update(lesson: Lesson): void {
    this.add(lesson);
  }

  remove(id: string): boolean {
    const lesson = this.lessons.get(id);
    if (!lesson) return false;
    this.lessons.delete(id);
    unlink(this.byWorkItem, lesson.source.workItem, id);
    const project = projectKey(lesson.source.project);
    if (project) unlink(this.byProject, project, id);
    for (const tag of lessonTags(lesson)) unlink(this.byTag, tag, id);
    this.text.remove(id, lessonFields(lesson));
    return true;
  }

  /** Ids of the lessons captured on a work item. */
  onWorkItem(workItem: string): ReadonlySet<string> {
    return this.byWorkItem.get(workItem) ?? NONE;
  }

  /** Ids of the lessons on a project, space or repository, compared without regard to case. */
  inProject(project: string | undefined): ReadonlySet<string> {
    const key = projectKey(project);
    return (key && this.byProject.get(key)) || NONE;
  }

  /** Ids of the lessons with a tag, or captured on a page with that label. */
  withTag(tag: string): ReadonlySet<string> {
    return this.byTag.get(normalizeTag(tag)) ?? NONE;
  }

  private remember(lesson: Lesson): void {
    this.lessons.set(lesson.id, lesson);
    link(this.byWorkItem, lesson.source.workItem, lesson.id);
    const project = projectKey(lesson.source.project);
    if (project) link(this.byProject, project, lesson.id);
    for (const tag of lessonTags(lesson)) link(this.byTag, tag, lesson.id);
  }
}

export function createRelatedIndex(lessons: Iterable<Lesson> = []): RelatedIndex {
  return new RelatedIndex(lessons);
}

function link(map: Map<string, Set<string>>, key: string, id: string): void {
  let ids = map.get(key);
  if (!ids) map.set(key, (ids = new Set()));
  ids.add(id);
}

function unlink(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) map.delete(key);
}
