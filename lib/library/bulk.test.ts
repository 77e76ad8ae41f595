import { describe, expect, it } from 'vitest';
import { LessonPatchSchema, type Lesson } from '../lesson';
import { addTag, bulkPatches, removeTag, setVisibility } from './bulk';
import { makeLesson } from '../../test/support/library-lessons';

/** What the store does with a patch: the parsed patch spread over the lesson. */
const applyAll = (lessons: Lesson[], groups: ReturnType<typeof bulkPatches>) =>
  lessons.map((l) => {
    const g = groups.find((x) => x.ids.includes(l.id));
    return g ? { ...l, ...LessonPatchSchema.parse(g.patch) } : l;
  });

describe('bulk changes', () => {
  const same = { title: 'Same', quote: '', note: '', createdAt: '2025-01-01T00:00:00.000Z' };
  const a = makeLesson({ ...same, tags: ['db'] });
  const b = makeLesson({ ...same, tags: ['db'] });
  const c = makeLesson({ title: 'Other', note: 'keep this note', tags: [] });
  const d = makeLesson({ title: 'Tagged', tags: ['incident', 'db'], visibility: 'team' });
  const all = [a, b, c, d];

  it('adds a tag, skipping lessons that have it, and keeps every other field', () => {
    const groups = bulkPatches(all, addTag('incident'));
    expect(groups.map((g) => g.ids)).toEqual([[a.id, b.id], [c.id]]);
    const after = applyAll(all, groups);
    expect(after.map((l) => l.tags)).toEqual([['db', 'incident'], ['db', 'incident'], ['incident'], ['incident', 'db']]);
    expect(after[2]).toEqual({ ...c, tags: ['incident'] });
  });

  it('removes a tag only from lessons that carry it', () => {
    const after = applyAll(all, bulkPatches(all, removeTag('db')));
    expect(after.map((l) => l.tags)).toEqual([[], [], [], ['incident']]);
    expect(bulkPatches(all, removeTag('nope'))).toEqual([]);
  });

  it('changes visibility and nothing else', () => {
    const groups = bulkPatches(all, setVisibility('team'));
    expect(groups.flatMap((g) => g.ids)).toEqual([a.id, b.id, c.id]);
    expect(applyAll(all, groups)).toEqual(all.map((l) => ({ ...l, visibility: 'team' })));
  });
});
