import { formatNumber, t } from '../i18n';
import type { Lesson } from '../lesson';
import type { ExistingVersions, ImportFormat, ImportPreview, InvalidRecord, SkippedRecord } from '../import/preview';

/**
 * What the import preview compares against. A lesson that was deleted here (a tombstone) counts as
 * absent, so importing a backup brings it back instead of calling it "unchanged".
 */
export function importBaseline(stored: ReadonlyMap<string, string>, isLive: (id: string) => boolean): ExistingVersions {
  return (id) => (isLive(id) ? stored.get(id) : undefined);
}

/**
 * The lessons to write for a previewed import. A lesson that replaces a tombstone is stamped with
 * the time of the import: the revival is the newest change, so the sync engine and other devices
 * see it win over the deletion.
 */
export function lessonsToWrite(p: ImportPreview, stored: ReadonlyMap<string, string>, now = new Date()): Lesson[] {
  if (p.error) return [];
  const at = now.toISOString();
  return [
    ...p.toCreate.map((l) => (stored.has(l.id) && !l.deletedAt ? { ...l, updatedAt: at } : l)),
    ...p.toUpdate,
  ];
}

/** Invalid and skipped records a summary lists; the page shows no more, and says how many more. */
export const SHOWN_RECORDS = 200;

/** What the page shows of a previewed import: counts and the first problems, never the lessons. */
export interface ImportSummary {
  error: string | null;
  format: ImportFormat | null;
  version: number | null;
  total: number;
  create: number;
  update: number;
  unchanged: number;
  /** Of the new ones, lessons that bring back lessons deleted here. */
  revived: number;
  invalidCount: number;
  invalid: InvalidRecord[];
  skippedCount: number;
  skipped: SkippedRecord[];
  /** Web Annotations imported in part, and what was not kept. */
  inPartCount: number;
  inPart: SkippedRecord[];
}

export function summaryOf(p: ImportPreview, stored: ReadonlyMap<string, string>): ImportSummary {
  return {
    error: p.error,
    format: p.format,
    version: p.version,
    total: p.total,
    create: p.toCreate.length,
    update: p.toUpdate.length,
    unchanged: p.unchanged.length,
    revived: p.toCreate.filter((l) => stored.has(l.id)).length,
    invalidCount: p.invalid.length,
    invalid: p.invalid.slice(0, SHOWN_RECORDS),
    skippedCount: p.skipped.length,
    skipped: p.skipped.slice(0, SHOWN_RECORDS),
    inPartCount: p.inPart.length,
    inPart: p.inPart.slice(0, SHOWN_RECORDS),
  };
}

/** The preview in one line, in the browser's language: "3 new, 1 updated, 2 unchanged, 1 invalid". */
export function summarizePreview(s: ImportSummary): string {
  if (s.error) return s.error;
  const n = (count: number) => ({ n: formatNumber(count) });
  const parts = [t('transfer.summary.new', n(s.create)), t('transfer.summary.updated', n(s.update)), t('transfer.summary.unchanged', n(s.unchanged))];
  if (s.invalidCount) parts.push(t('transfer.summary.invalid', n(s.invalidCount)));
  if (s.skippedCount) parts.push(t('transfer.summary.skipped', n(s.skippedCount)));
  if (s.inPartCount) parts.push(t('transfer.summary.inPart', n(s.inPartCount)));
  return parts.join(', ');
}
