import { describe, expect, it } from 'vitest';
import { exportJson } from '../export/json';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { summarizePreview, summaryOf } from '../library/import-plan';
import { MAX_IMPORT_BYTES, formatIssue, parseImport } from './preview';

const file = (lessons: unknown[], version: unknown = 1) =>
  JSON.stringify({ format: 'lessonmark', version, exportedAt: '2025-03-20T09:30:00.000Z', lessons });

const lessonsOf = (json: string) => (JSON.parse(json) as { lessons: Record<string, unknown>[] }).lessons;

describe('parseImport: whole-file problems', () => {
  it.each([
    ['', 'The file is empty.'],
    ['  \n\t', 'The file is empty.'],
    ['{"format": "lessonmark", "version": 1, "lessons": [', /^The file is not JSON: /],
    ['lesson,kind\n1,mistake', /^The file is not JSON: /],
    ['{"format": "other", "lessons": []}', 'The file is not a Lessonmark export, a Hypothesis export or W3C Web Annotations (JSON-LD).'],
    ['[]', 'The file is not a Lessonmark export, a Hypothesis export or W3C Web Annotations (JSON-LD).'],
    ['null', 'The file is not a Lessonmark export, a Hypothesis export or W3C Web Annotations (JSON-LD).'],
    [file([], 2), 'Unsupported Lessonmark export version 2 (this version reads version 1). It was made by a newer Lessonmark; update the extension to import it.'],
    [file([], 0), /^This Lessonmark file is damaged: version: /],
    [file([], '1'), /^This Lessonmark file is damaged: version: /],
    ['{"format": "lessonmark", "version": 1}', /^This Lessonmark file is damaged: lessons: /],
    ['{"export_date": "2025-01-01", "annotations": {}}', 'The file is not a Lessonmark export, a Hypothesis export or W3C Web Annotations (JSON-LD).'],
  ])('%j → %s', (text, message) => {
    const p = parseImport(text);
    if (typeof message === 'string') expect(p.error).toBe(message);
    else expect(p.error).toMatch(message);
    expect(p.toCreate).toEqual([]);
    expect(p.toUpdate).toEqual([]);
    expect(p.total).toBe(0);
    expect(summarizePreview(summaryOf(p, new Map()))).toBe(p.error);
  });

  it('refuses a file over 50 MB before parsing it', () => {
    // Valid JSON, so only the size guard can refuse it.
    const big = file([{ note: 'x'.repeat(MAX_IMPORT_BYTES) }]);
    expect(big.length).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(parseImport(big).error).toBe('The file is too large to import (over 50 MB).');
  });

  it('accepts a file that starts with a byte-order mark', () => {
    expect(parseImport(`\uFEFF${file([])}`).error).toBeNull();
  });

  it('an empty list of lessons is not an error', () => {
    const p = parseImport(file([]));
    expect(p).toMatchObject({ error: null, format: 'lessonmark', version: 1, total: 0 });
    expect(summarizePreview(summaryOf(p, new Map()))).toBe('0 new, 0 updated, 0 unchanged');
  });
});

describe('parseImport: records', () => {
  it('reports bad records by index and path and still previews the good ones', () => {
    const lessons = lessonsOf(exportJson(sampleLessons()));
    lessons[3].kind = 'bogus';
    (lessons[5].source as Record<string, unknown>).url = 'javascript:alert(1)';
    lessons[6].createdAt = 'yesterday';
    lessons[6].tags = 'not a list';
    const p = parseImport(file([...lessons, 42]));
    expect(p.error).toBeNull();
    expect(p.total).toBe(8);
    expect(p.toCreate.map((l) => l.id)).toEqual([0, 1, 2, 4].map((i) => lessons[i].id));
    expect(p.invalid.map((r) => r.index)).toEqual([3, 5, 6, 7]);
    expect(p.invalid[0].issues.map(formatIssue)).toEqual([expect.stringMatching(/^lessons\[3\]\.kind: /)]);
    expect(p.invalid[1].issues.map(formatIssue)).toEqual(['lessons[5].source.url: Invalid URL']);
    expect(p.invalid[2].issues.map((i) => i.path).sort()).toEqual(['lessons[6].createdAt', 'lessons[6].tags']);
    expect(p.invalid[3].issues[0].path).toBe('lessons[7]');
    expect(summarizePreview(summaryOf(p, new Map()))).toBe('4 new, 0 updated, 0 unchanged, 4 invalid');
  });

  it('sorts valid lessons into new, newer and unchanged against what is stored', () => {
    const [a, b, c, d] = sampleLessons();
    const stored = new Map([
      [b.id, '2025-01-01T00:00:00.000Z'], // older than the file: update
      [c.id, c.updatedAt], // as new: unchanged
      [d.id, '2026-01-01T00:00:00.000Z'], // newer than the file: unchanged
    ]);
    for (const existing of [stored, (id: string) => stored.get(id)]) {
      const p = parseImport(file([a, b, c, d]), existing);
      expect(p.toCreate.map((l) => l.id)).toEqual([a.id]);
      expect(p.toUpdate.map((l) => l.id)).toEqual([b.id]);
      expect(p.unchanged).toEqual([c.id, d.id]);
    }
  });

  it('compares instants, not strings', () => {
    const [a] = sampleLessons();
    const p = parseImport(file([a]), new Map([[a.id, '2025-03-13T13:00:00+01:00']]));
    expect(p.unchanged).toEqual([a.id]);
  });

  it('keeps the newest of records that share an id', () => {
    const [a] = sampleLessons();
    const newer = { ...a, note: 'edited', updatedAt: '2025-03-15T00:00:00.000Z' };
    const p = parseImport(file([a, newer, a]));
    expect(p.toCreate).toHaveLength(1);
    expect(p.toCreate[0].note).toBe('edited');
    expect(p.skipped.map((s) => s.index)).toEqual([0, 2]);
    expect(p.skipped[0].reason).toBe('same id as lessons[1], which is newer or as new');
  });

  it('normalises tags through the schema', () => {
    const [a] = sampleLessons();
    const p = parseImport(file([{ ...a, tags: ['Foo Bar', 'foo-bar', '#X', '  '] }]));
    expect(p.toCreate[0].tags).toEqual(['foo-bar', 'x']);
  });
});
