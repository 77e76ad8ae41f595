import { describe, expect, it } from 'vitest';
import { LessonSchema } from '../lesson';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { expectGolden } from '../../test/fixtures/export/golden';
import { ANNO_CONTEXT, exportWebAnnotations, toAnnotationCollection, toWebAnnotation } from './web-annotation';

const [mistake, experience, performance, improvement, question] = sampleLessons();

describe('W3C Web Annotation export', () => {
  it('matches the golden file', () => {
    expectGolden('lessons.jsonld', exportWebAnnotations(sampleLessons()));
  });

  it('describes a lesson with a quote as an annotation with all its selectors', () => {
    const a = toWebAnnotation(mistake);
    expect(a).toMatchObject({
      '@context': ANNO_CONTEXT,
      type: 'Annotation',
      id: 'urn:uuid:01958a3c-8e00-7000-8000-000000000001',
      created: '2025-03-12T12:00:00.000Z',
      modified: '2025-03-13T12:00:00.000Z',
      motivation: 'commenting',
      creator: { type: 'Person', name: 'alice' },
      target: {
        type: 'SpecificResource',
        source: 'https://acme.atlassian.net/browse/OPS-42',
        selector: [
          {
            type: 'CssSelector',
            value: '.ak-renderer-document',
            refinedBy: [
              { type: 'TextQuoteSelector', exact: 'the cache key used package.json only', prefix: 'Root cause ', suffix: ' and so' },
              { type: 'TextPositionSelector', start: 120, end: 156 },
            ],
          },
          { type: 'TextQuoteSelector', exact: 'the cache key used package.json only', prefix: 'Root cause ', suffix: ' and so' },
        ],
      },
    });
    const tags = a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
    expect(tags).toEqual(['mistake', 'ci', 'deploy']);
    const comment = a.body.find((b) => b.purpose === 'commenting')!;
    expect(comment.value).toContain('We restored a stale cache');
    expect(comment.value).toContain('Why did this happen?\nThe cache key was hashed');
  });

  it('picks the motivation from what the lesson is', () => {
    expect(toWebAnnotation(question).motivation).toBe('questioning');
    expect(toWebAnnotation(question).body.map((b) => [b.purpose, b.value])).toEqual([
      ['describing', 'Why do deploys fail on Fridays?'],
      ['tagging', 'question'],
    ]);
    expect(toWebAnnotation(performance).motivation).toBe('commenting');
    const highlight = LessonSchema.parse({ ...experience, note: '' });
    expect(toWebAnnotation(highlight).motivation).toBe('highlighting');
  });

  it('targets the page itself when there is no quote, and the quote alone when there is no anchor', () => {
    expect(toWebAnnotation(improvement).target).toBe('https://example.com/blog/batching?x=1');
    expect(toWebAnnotation(experience).target).toEqual({
      type: 'SpecificResource',
      source: 'https://github.com/acme/shop/pull/7',
      selector: [{ type: 'TextQuoteSelector', exact: 'We said "ship it", then waited two days for review' }],
    });
  });

  it('counts positions in the whole page without a CSS selector when the anchor is on the body', () => {
    const onBody = LessonSchema.parse({ ...mistake, anchor: { ...mistake.anchor!, root: 'body' } });
    expect(toWebAnnotation(onBody).target).toEqual({
      type: 'SpecificResource',
      source: 'https://acme.atlassian.net/browse/OPS-42',
      selector: [
        { type: 'TextQuoteSelector', exact: 'the cache key used package.json only', prefix: 'Root cause ', suffix: ' and so' },
        { type: 'TextPositionSelector', start: 120, end: 156 },
      ],
    });
  });

  it('wraps live lessons in an AnnotationCollection with one embedded page', () => {
    const c = toAnnotationCollection(sampleLessons());
    expect(c.type).toBe('AnnotationCollection');
    expect(c.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(toAnnotationCollection(sampleLessons()).id).toBe(c.id);
    expect(toAnnotationCollection(sampleLessons().slice(1)).id).not.toBe(c.id);
    expect(c.total).toBe(7);
    expect(c.first.items).toHaveLength(7);
    expect(c.first.items.map((i) => i.id)).not.toContain('urn:uuid:01958a3c-8e00-7000-8000-000000000007');
    expect(toAnnotationCollection(sampleLessons(), { includeDeleted: true }).total).toBe(8);
  });
});
