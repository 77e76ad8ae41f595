import { describe, expect, it } from 'vitest';
import { LessonSchema, type Lesson } from '../lesson';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { assertionsOf, type Assertion } from '../../test/fixtures/webanno/annotation-model';
import { toAnnotationCollection, toWebAnnotation } from './web-annotation';

/** Lessons of every shape the export meets: anchored in the body or a content root, quote only, page only, questions, no author. */
function variedLessons(): Lesson[] {
  const base = sampleLessons();
  const [mistake] = base;
  const variants: Lesson[] = [
    { ...mistake, id: '01958a3c-8e00-7000-8000-0000000000a1', anchor: { ...mistake.anchor!, root: 'body' } },
    { ...mistake, id: '01958a3c-8e00-7000-8000-0000000000a2', anchor: { ...mistake.anchor!, position: undefined } },
    { ...mistake, id: '01958a3c-8e00-7000-8000-0000000000a3', anchor: undefined, quote: '', note: '', answers: [] },
    { ...mistake, id: '01958a3c-8e00-7000-8000-0000000000a4', author: undefined, tags: [] },
    { ...mistake, id: '01958a3c-8e00-7000-8000-0000000000a5', anchor: { ...mistake.anchor!, quote: { exact: 'x', prefix: '', suffix: '' } } },
  ].map((l) => LessonSchema.parse(l));
  return [...base, ...variants];
}

function failures(assertions: Assertion[], data: unknown, type: Assertion['type']): string[] {
  return assertions.filter((a) => a.type === type && !a.passes(data)).map((a) => `${a.file}: ${a.errorMessage}`);
}

const annotationMusts = assertionsOf('annotations/annotationMusts.test');
const collectionMusts = assertionsOf('collections/collectionMusts.test');
const pageMusts = assertionsOf('collections/pages/pageMusts.test');
const annotationShoulds = [...assertionsOf('annotations/annotationOptionals.test'), ...assertionsOf('annotations/annotationsAgentOptionals.test')];
const collectionShoulds = [...assertionsOf('collections/collectionOptionals.test'), ...assertionsOf('collections/pages/pageOptionals.test')];

/**
 * The suite's SHOULDs are features an annotation shows or not; these are the ones a lesson has the
 * data for. Not met, for want of data: body and target `language` (the page's language is not
 * kept), creator `id`, `nickname` and `generator` (a person here is a display name, not an IRI).
 */
const namedCreator = [
  'annotations/3.3.1-annotationSingleCreatorImplemented.json',
  'annotations/3.3.2-annotationCreatorAgentTypeImplemented.json',
  'annotations/3.3.2-annotationCreatorAgentSingleNameImplemented.json',
];
const quoteContext = ['annotations/specificResource/4.2.4-prefix.json', 'annotations/specificResource/4.2.4-suffix.json'];

function unmet(assertions: Assertion[], data: unknown, files: string[]): string[] {
  return files.filter((f) => {
    const a = assertions.find((x) => x.file === f);
    if (!a) throw new Error(`no assertion ${f}`);
    return !a.passes(data);
  });
}

describe('the Web Annotation export against the W3C annotation-model assertions', () => {
  const lessons = variedLessons();

  it('has the suite loaded: a MUST fails on an annotation without a target', () => {
    expect(annotationMusts.filter((a) => a.type === 'must').length).toBeGreaterThan(50);
    const broken = { ...toWebAnnotation(lessons[0]), target: undefined };
    expect(failures(annotationMusts, broken, 'must')).toContainEqual(expect.stringMatching(/^annotations\/3.1-targetKeyFound.json: /));
  });

  it.each(lessons.map((l) => [l.id, l] as const))('annotation %s passes every MUST', (_id, lesson) => {
    expect(failures(annotationMusts, toWebAnnotation(lesson), 'must')).toEqual([]);
  });

  it('meets the SHOULDs it has the data for: a named creator, context around quotes', () => {
    for (const lesson of lessons) {
      const a = toWebAnnotation(lesson);
      if (lesson.author) expect(unmet(annotationShoulds, a, namedCreator), lesson.id).toEqual([]);
      if (lesson.anchor) expect(unmet(annotationShoulds, a, quoteContext), lesson.id).toEqual([]);
    }
    expect(lessons.filter((l) => l.author && l.anchor).length).toBeGreaterThan(2);
  });

  it('the collection and its page meet every SHOULD: label, total, last, partOf, startIndex', () => {
    const c = toAnnotationCollection(lessons);
    expect(collectionShoulds.filter((a) => a.type === 'should' && !a.passes(c)).map((a) => a.file)).toEqual([]);
    expect(c.first.id).toBe(c.last);
    expect(c.first.partOf.id).toBe(c.id);
  });

  it('the collection and its embedded page pass every MUST', () => {
    const c = toAnnotationCollection(lessons);
    expect(failures(collectionMusts, c, 'must')).toEqual([]);
    expect(failures(pageMusts, c, 'must')).toEqual([]);
    // Every shape a collection takes: empty, one lesson, with deleted lessons, under another label.
    for (const other of [
      toAnnotationCollection([]),
      toAnnotationCollection(lessons.slice(0, 1)),
      toAnnotationCollection(lessons, { includeDeleted: true, label: 'Backup' }),
    ]) {
      expect(failures(collectionMusts, other, 'must')).toEqual([]);
      expect(failures(pageMusts, other, 'must')).toEqual([]);
    }
  });
});
