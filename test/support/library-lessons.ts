import { LessonSchema, type Lesson, type LessonInput } from '../../lib/lesson';

let n = 0;

/** A valid lesson for tests: fields given win over plain defaults. */
export function makeLesson(over: Omit<Partial<LessonInput>, 'source'> & { source?: Partial<LessonInput['source']> } = {}): Lesson {
  n++;
  const id = over.id ?? `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const { source, ...rest } = over;
  return LessonSchema.parse({
    id,
    kind: 'experience',
    title: `Lesson ${n}`,
    createdAt: '2025-03-10T09:00:00.000Z',
    updatedAt: '2025-03-10T09:00:00.000Z',
    ...rest,
    source: { url: `https://example.com/${n}`, site: 'web', workItem: `https://example.com/${n}`, title: 'Example', ...source },
  });
}
