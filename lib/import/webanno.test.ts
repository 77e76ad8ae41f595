import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/database';
import { lessonTitle, type Lesson } from '../lesson';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { exportWebAnnotations, toWebAnnotation } from '../export/web-annotation';
import { applyImport, existingVersions } from './apply';
import { lessonIdForHypothesis } from './hypothesis';
import { formatIssue, parseImport, readImport } from './preview';
import { lessonIdForAnnotation } from './webanno';
import { summaryOf, summarizePreview } from '../library/import-plan';

const FIXTURES = join(__dirname, '../../test/fixtures/webanno');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

/** What the model carries of a lesson; the rest (actions, visibility, page title…) is ours alone. */
function carried(l: Lesson) {
  return {
    id: l.id,
    kind: l.kind,
    title: lessonTitle(l),
    quote: l.anchor?.quote.exact ?? l.quote,
    tags: l.tags,
    anchor: l.anchor,
    url: l.source.url,
    site: l.source.site,
    workItem: l.source.workItem,
    author: l.author,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

describe('Web Annotation import: our own export', () => {
  const lessons = sampleLessons();
  const live = lessons.filter((l) => !l.deletedAt);
  const p = parseImport(exportWebAnnotations(lessons));

  it('is read back as what it is', () => {
    expect(p).toMatchObject({ error: null, format: 'webanno', total: live.length, invalid: [], skipped: [], inPart: [] });
    expect(p.toCreate).toHaveLength(live.length);
  });

  it('gives back the same lessons, in every field the model carries', () => {
    const byId = new Map(p.toCreate.map((l) => [l.id, l]));
    for (const original of live) {
      const back = byId.get(original.id)!;
      // A quote kept without its context comes back as a quote to look for on the page.
      const anchor = original.anchor ?? (original.quote ? { quote: { type: 'TextQuoteSelector', exact: original.quote, prefix: '', suffix: '' }, root: 'body' } : undefined);
      expect(carried(back), original.id).toEqual({ ...carried(original), anchor });
      // Answers travel in the comment, as text other tools show.
      for (const a of original.answers.filter((x) => x.answer)) expect(back.note).toContain(`${a.question}\n${a.answer}`);
      if (original.note) expect(back.note.startsWith(original.note)).toBe(true);
    }
    const question = byId.get('01958a3c-8e00-7000-8000-000000000005')!;
    expect(question.question).toEqual({ text: 'Why do deploys fail on Fridays?', askedBy: 'dave', askedAt: '2025-03-05T12:00:00.000Z' });
  });

  it('keeps the content root: the CssSelector refined by the quote and position', () => {
    const back = p.toCreate.find((l) => l.id === '01958a3c-8e00-7000-8000-000000000001')!;
    expect(back.anchor).toEqual({
      quote: { type: 'TextQuoteSelector', exact: 'the cache key used package.json only', prefix: 'Root cause ', suffix: ' and so' },
      position: { type: 'TextPositionSelector', start: 120, end: 156 },
      root: '.ak-renderer-document',
    });
  });

  it('re-imported over itself, changes nothing', async () => {
    const db = openDb(`webanno-${crypto.randomUUID()}`);
    await applyImport(db, p);
    const again = parseImport(exportWebAnnotations(lessons), await existingVersions(db));
    expect(again.toCreate).toEqual([]);
    expect(again.toUpdate).toEqual([]);
    expect(again.unchanged).toHaveLength(live.length);
    db.close();
  });

  it('reads a single annotation and a bare list of annotations', () => {
    const one = parseImport(JSON.stringify(toWebAnnotation(live[0])));
    expect(one).toMatchObject({ error: null, format: 'webanno', total: 1 });
    expect(one.toCreate.map((l) => l.id)).toEqual([live[0].id]);
    const many = parseImport(JSON.stringify(live.map(toWebAnnotation)));
    expect(many.toCreate.map((l) => l.id).sort()).toEqual(live.map((l) => l.id).sort());
  });
});

describe('Web Annotation import: the W3C model’s own examples', () => {
  // All 43 examples of the specification, embedded in its example collection.
  const p = parseImport(fixture('w3c-examples/collection1.json'), new Map());
  const lesson = (n: number) => p.toCreate.find((l) => l.id === lessonIdForAnnotation(`http://example.org/anno${n}`));
  const itemIndex = (n: number) => n - 1;

  it('accounts for every annotation: a lesson, or listed as invalid or skipped with the reason', () => {
    expect(p).toMatchObject({ error: null, format: 'webanno', total: 43 });
    expect(p.toCreate.length + p.invalid.length + p.skipped.length).toBe(43);
    expect(p.toCreate.length).toBeGreaterThan(30);
  });

  it('reads a TextQuoteSelector as the anchor, on the whole page', () => {
    expect(lesson(23)).toMatchObject({
      quote: 'anotation',
      anchor: { quote: { exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' }, root: 'body' },
      source: { url: 'http://example.org/page1', site: 'web', workItem: 'http://example.org/page1' },
      note: 'http://example.org/comment1',
    });
  });

  it('keeps the quote a FragmentSelector is refined by', () => {
    expect(lesson(29)?.anchor).toEqual({
      quote: { type: 'TextQuoteSelector', exact: 'Selected Text', prefix: 'text before the ', suffix: ' and text after it' },
      root: 'body',
    });
  });

  it('lists what it could not keep, with the reason: SVG, XPath, range and fragment selectors, further pages', () => {
    const reasons = new Map(p.inPart.map((r) => [r.index, r.reason]));
    const whole = ': imported as about the whole page';
    expect(reasons.get(itemIndex(26))).toBe(`its place on the page is a shape drawn on an image (SvgSelector)${whole}`);
    expect(reasons.get(itemIndex(22))).toBe(`its place on the page is an XPath into the page, without the quoted text (XPathSelector)${whole}`);
    expect(reasons.get(itemIndex(28))).toBe(`its place on the page is a range between two other selectors, without the quoted text (RangeSelector)${whole}`);
    expect(reasons.get(itemIndex(21))).toBe(`its place on the page is an element of the page, without the quoted text (CssSelector)${whole}`);
    // Example 9: one comment on two pages.
    expect(reasons.get(itemIndex(9))).toBe('it is about 2 pages: only the first, http://example.org/image1, is kept');
    expect(lesson(26)).toMatchObject({ source: { url: 'http://example.org/map1' }, quote: '', note: 'http://example.org/road1' });
    expect(lesson(26)?.anchor).toBeUndefined();
    const summary = summaryOf(p, new Map());
    expect(summary.inPartCount).toBe(p.inPart.length);
    expect(summarizePreview(summary)).toContain(`${p.inPart.length} imported in part`);
  });

  it('reads tags, descriptions, creators and dates', () => {
    // Example 38: a tag, a described Choice body, a named creator.
    expect(lesson(38)).toMatchObject({
      tags: ['love'],
      title: 'I really love this particular bit of text in this XML. No really.',
      author: 'A. Person',
      createdAt: '2015-10-13T13:00:00.000Z',
    });
    // Example 40: motivation tagging, a body with no purpose of its own.
    expect(lesson(40)).toMatchObject({ tags: ['important'], source: { url: 'http://example.com/book/page1' } });
    // Example 42: bodyValue.
    expect(lesson(42)?.note).toBe('Comment text');
  });

  it('refuses what the examples get wrong, and writes nothing', () => {
    const dir = join(FIXTURES, 'w3c-examples/incorrect');
    // Read leniently, as other tools write them: a missing or odd @context, an id that is not an IRI.
    const lenient = ['anno3.json', 'anno4.json', 'anno5.json', 'anno6.json'];
    for (const file of readdirSync(dir).filter((f) => !lenient.includes(f))) {
      const q = parseImport(readFileSync(join(dir, file), 'utf8'));
      expect(q.toCreate.length + q.toUpdate.length, file).toBe(0);
      expect(q.error !== null || q.invalid.length > 0, file).toBe(true);
    }
  });
});

describe('Web Annotation import: files other tools wrote', () => {
  it('Hypothesis (its JSON-LD for one annotation): the quote anchors, the XPath alternative is not needed', () => {
    const p = parseImport(fixture('tools/hypothesis-LoaMFCSJEee3aAMJuXhO-w.jsonld'));
    expect(p).toMatchObject({ error: null, format: 'webanno', total: 1, invalid: [], inPart: [] });
    expect(p.toCreate[0]).toMatchObject({
      // The same lesson as the one the Hypothesis export of this annotation makes.
      id: lessonIdForHypothesis('LoaMFCSJEee3aAMJuXhO-w'),
      kind: 'experience',
      note: 'components: web resources\n\nconnectors: links\n\ndata: data',
      tags: ['iannotate2017'],
      author: 'judell',
      quote: ' components, connectors, and data ',
      anchor: {
        quote: { exact: ' components, connectors, and data ', prefix: 'tion of architectural elements--', suffix: '--constrained in their relations' },
        position: { start: 4023, end: 4055 },
        root: 'body',
      },
      source: { url: 'https://www.ics.uci.edu/~fielding/pubs/dissertation/software_arch.htm', site: 'web' },
      createdAt: '2017-04-18T22:48:46.756Z',
      updatedAt: '2017-04-18T23:03:54.502Z',
    });
  });

  it('Recogito: annotations without a page are refused with the reason; the link between two of them is skipped', () => {
    const p = parseImport(fixture('tools/recogito-js-annotations.w3c.json'));
    expect(p).toMatchObject({ error: null, format: 'webanno', total: 4, toCreate: [] });
    expect(p.invalid.flatMap((r) => r.issues.map(formatIssue))).toEqual([
      'annotations[0].target: it names no page: its target has no source',
      'annotations[1].target: it names no page: its target has no source',
      'annotations[2].target: it names no page: its target has no source',
    ]);
    expect(p.skipped).toEqual([{ index: 3, reason: 'about other annotations in this file, not about a page' }]);
  });

  it('Annotorious: shapes on an image that names no page are refused, each with the reason', () => {
    const p = parseImport(fixture('tools/annotorious-annotations.w3c.json'));
    expect(p).toMatchObject({ error: null, format: 'webanno', total: 5, toCreate: [] });
    expect(p.invalid.map((r) => r.issues.map(formatIssue)[0])).toEqual([
      'annotations[0].target: it names no page: its target has no source',
      'annotations[1].target: it names no page: its target has no source',
      'annotations[2].target: it names no page: its target has no source',
      'annotations[3].target: it names no page: its target has no source',
      'annotations[4] → lesson.source.url: Invalid URL',
    ]);
  });
});

describe('Web Annotation import: malformed files', () => {
  const cases: [string, string][] = [
    ['{"type": "AnnotationCollection", "total": 3, "first": "https://example.org/c/page1"}', 'only links to its pages'],
    ['{"type": "AnnotationCollection", "total": 3}', 'has no pages in the file'],
    ['{"type": "AnnotationPage", "items": 7}', 'has no list of annotations'],
    ['{"type": "AnnotationCollection", "first": {"type": "AnnotationPage"}}', 'has no list of annotations'],
  ];
  it.each(cases)('%s is refused as a whole with a clear error', (text, error) => {
    const p = readImport(text);
    expect(p.preview.error).toContain(error);
    expect(p.preview.format).toBe('webanno');
    expect(p.lessons).toEqual([]);
  });

  it('a record that is not an annotation is listed as invalid, the others still import', () => {
    const good = toWebAnnotation(sampleLessons()[0]);
    const p = parseImport(JSON.stringify([good, { type: 'Annotation', target: 'https://example.com/' }, { ...good, id: 'urn:x', target: 'javascript:alert(1)' }, 42]));
    expect(p.toCreate.map((l) => l.id)).toEqual([sampleLessons()[0].id]);
    expect(p.invalid.flatMap((r) => r.issues.map(formatIssue))).toEqual([
      'annotations[1].id: an annotation needs an id',
      'annotations[2] → lesson.source.url: Invalid URL',
      'annotations[3]: Invalid input: expected object, received number',
    ]);
  });

  it('keeps a description too long for a title whole, in the note', () => {
    const long = `${'A long description. '.repeat(20)}The end.`;
    const p = parseImport(
      JSON.stringify({ type: 'Annotation', id: 'https://example.org/a/2', body: { type: 'TextualBody', purpose: 'describing', value: long }, target: 'https://example.com/post' }),
    );
    expect(p.toCreate[0].note).toBe(long);
    expect(p.toCreate[0].title.length).toBeLessThanOrEqual(300);
  });

  it('keeps the text of an HTML body, never its markup', () => {
    const p = parseImport(
      JSON.stringify({
        type: 'Annotation',
        id: 'https://example.org/a/1',
        body: { type: 'TextualBody', format: 'text/html', value: '<p>Use <b>retries</b> &amp; backoff</p><script>alert(1)</script>' },
        target: 'https://example.com/post',
      }),
    );
    expect(p.toCreate[0].note).toBe('Use retries & backoff\nalert(1)');
  });
});
