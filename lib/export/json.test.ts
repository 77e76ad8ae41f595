import { describe, expect, it } from 'vitest';
import { openDb } from '../db/database';
import { applyImport } from '../import/apply';
import { parseImport } from '../import/preview';
import { EXPORTED_AT, sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { expectGolden } from '../../test/fixtures/export/golden';
import { buildJsonExport, exportJson } from './json';

describe('JSON export', () => {
  it('matches the golden file', () => {
    expectGolden('lessons.json', exportJson(sampleLessons(), { now: EXPORTED_AT }));
  });

  it('leaves tombstones out unless asked for', () => {
    const live = buildJsonExport(sampleLessons(), { now: EXPORTED_AT });
    expect(live.lessons.map((l) => l.id)).not.toContain('01958a3c-8e00-7000-8000-000000000007');
    const all = buildJsonExport(sampleLessons(), { now: EXPORTED_AT, includeDeleted: true });
    expect(all.lessons).toHaveLength(sampleLessons().length);
    expect(all).toMatchObject({ format: 'lessonmark', version: 1, exportedAt: '2025-03-20T09:30:00.000Z' });
  });

  it('imports back to the same lessons, tombstones included', () => {
    const lessons = sampleLessons();
    const preview = parseImport(exportJson(lessons, { includeDeleted: true }));
    expect(preview.error).toBeNull();
    expect(preview.invalid).toEqual([]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...preview.toCreate].sort(byId)).toStrictEqual([...lessons].sort(byId));
  });

  it('restores the same lessons into an empty database', async () => {
    const lessons = sampleLessons();
    const db = openDb(`json-roundtrip-${Math.random()}`);
    await applyImport(db, parseImport(exportJson(lessons, { includeDeleted: true })));
    const stored = await db.lessons.orderBy('id').toArray();
    expect(stored).toStrictEqual([...lessons].sort((a, b) => a.id.localeCompare(b.id)));
    db.close();
  });
});
