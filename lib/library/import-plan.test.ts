import { describe, expect, it } from 'vitest';
import { exportJson } from '../export/json';
import { parseImport } from '../import/preview';
import { importBaseline, lessonsToWrite, SHOWN_RECORDS, summarizePreview, summaryOf } from './import-plan';
import { makeLesson } from '../../test/support/library-lessons';

describe('import plan', () => {
  const kept = makeLesson({ updatedAt: '2025-03-10T09:00:00.000Z' });
  const deleted = makeLesson({ updatedAt: '2025-03-10T09:00:00.000Z' });
  const fresh = makeLesson({});
  const file = exportJson([kept, deleted, fresh]);
  // Stored: `kept` live and the same; `deleted` was deleted later (its tombstone is newer).
  const stored = new Map([
    [kept.id, kept.updatedAt],
    [deleted.id, '2025-03-20T00:00:00.000Z'],
  ]);
  const live = (id: string) => id === kept.id;

  it('brings back lessons deleted here instead of calling them unchanged', () => {
    const p = parseImport(file, importBaseline(stored, live));
    expect(p.toCreate.map((l) => l.id).sort()).toEqual([deleted.id, fresh.id].sort());
    expect(p.unchanged).toEqual([kept.id]);
    expect(summaryOf(p, stored)).toMatchObject({ create: 2, update: 0, unchanged: 1, revived: 1, invalidCount: 0 });
  });

  it('stamps a revived lesson with the import time so it wins over its tombstone', () => {
    const p = parseImport(file, importBaseline(stored, live));
    const now = new Date('2025-04-01T00:00:00.000Z');
    const rows = lessonsToWrite(p, stored, now);
    expect(rows.find((l) => l.id === deleted.id)?.updatedAt).toBe(now.toISOString());
    expect(rows.find((l) => l.id === fresh.id)).toEqual(fresh);
    expect(rows).toHaveLength(2);
  });

  it('writes nothing for a bad file', () => {
    const p = parseImport('{"format":"lessonmark"', importBaseline(stored, live));
    expect(p.error).toMatch(/not JSON/);
    expect(lessonsToWrite(p, stored)).toEqual([]);
    expect(summarizePreview(summaryOf(p, stored))).toBe(p.error);
  });

  it('summarizes many invalid records with the first ones listed and the count of all', () => {
    const bad = Array.from({ length: SHOWN_RECORDS + 5 }, () => ({ ...makeLesson({}), kind: 'nonsense' }));
    const s = summaryOf(parseImport(exportJson([fresh, ...(bad as never[])])), new Map());
    expect(s.invalidCount).toBe(SHOWN_RECORDS + 5);
    expect(s.invalid).toHaveLength(SHOWN_RECORDS);
    expect(summarizePreview(s)).toBe(`1 new, 0 updated, 0 unchanged, ${SHOWN_RECORDS + 5} invalid`);
  });
});
