import { z } from 'zod';
import { LessonSchema, type Lesson } from '../lesson';
import { EXPORT_FORMAT, EXPORT_VERSION, JsonExportEnvelopeSchema } from '../export/json';
import { HypothesisAnnotationSchema, HypothesisExportSchema, hypothesisToLesson, looksLikeHypothesisExport } from './hypothesis';

/** Files larger than this are refused before they are parsed (a parse would hold several copies in memory). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Lessons already stored: id → updatedAt. */
export type ExistingVersions = ReadonlyMap<string, string> | ((id: string) => string | undefined);

export interface ImportIssue {
  /** Where in the file, e.g. `lessons[3].source.url`. */
  path: string;
  message: string;
}

export interface InvalidRecord {
  index: number;
  issues: ImportIssue[];
}

export interface SkippedRecord {
  index: number;
  reason: string;
}

export type ImportFormat = 'lessonmark' | 'hypothesis';

export interface ImportPreview {
  /** Set when the file as a whole cannot be read; then every list is empty. */
  error: string | null;
  format: ImportFormat | null;
  version: number | null;
  /** Records in the file. */
  total: number;
  /** Valid lessons not stored yet. */
  toCreate: Lesson[];
  /** Valid lessons newer than the stored ones with the same id. */
  toUpdate: Lesson[];
  /** Ids of valid lessons whose stored copy is as new or newer; importing leaves them alone. */
  unchanged: string[];
  invalid: InvalidRecord[];
  /** Records that are fine but are not lessons (Hypothesis replies) or repeat an id. */
  skipped: SkippedRecord[];
}

/**
 * Migrations from each older export version to the current lesson shape. Version 1 is current;
 * a version 2 adds `2: (record) => record` here and a step from 1.
 */
const READERS: Record<number, (record: unknown) => unknown> = {
  1: (record) => record,
};

/** Imported URLs end up as links; a script URL must not. */
const ImportLessonSchema = LessonSchema.superRefine((l, ctx) => {
  let ok = false;
  try {
    ok = !/^(javascript|data|vbscript):$/.test(new URL(l.source.url).protocol);
  } catch {
    ok = false;
  }
  if (!ok) ctx.addIssue({ code: 'custom', path: ['source', 'url'], message: 'Invalid URL' });
});

function emptyPreview(error: string | null, format: ImportFormat | null = null, version: number | null = null): ImportPreview {
  return { error, format, version, total: 0, toCreate: [], toUpdate: [], unchanged: [], invalid: [], skipped: [] };
}

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    prefix,
  );
}

function issuesOf(prefix: string, error: z.ZodError): ImportIssue[] {
  return error.issues.map((i) => ({ path: pathOf(prefix, i.path), message: i.message }));
}

const newer = (a: string, b: string) => {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb;
};

/** Sorts valid lessons into new, newer and unchanged against what is stored and earlier records. */
class Sorter {
  private readonly seen = new Map<string, { index: number; lesson: Lesson }>();
  readonly preview: ImportPreview;
  private readonly lookup: (id: string) => string | undefined;

  constructor(preview: ImportPreview, existing: ExistingVersions) {
    this.preview = preview;
    this.lookup = typeof existing === 'function' ? existing : (id) => existing.get(id);
  }

  add(index: number, lesson: Lesson, label: string) {
    const earlier = this.seen.get(lesson.id);
    if (earlier) {
      const keep = newer(lesson.updatedAt, earlier.lesson.updatedAt) ? lesson : earlier.lesson;
      const drop = keep === lesson ? earlier.index : index;
      this.preview.skipped.push({ index: drop, reason: `same id as ${label}[${keep === lesson ? index : earlier.index}], which is newer or as new` });
      if (keep === lesson) this.seen.set(lesson.id, { index, lesson });
      return;
    }
    this.seen.set(lesson.id, { index, lesson });
  }

  finish(): ImportPreview {
    for (const { lesson } of this.seen.values()) {
      const stored = this.lookup(lesson.id);
      if (stored === undefined) this.preview.toCreate.push(lesson);
      else if (newer(lesson.updatedAt, stored)) this.preview.toUpdate.push(lesson);
      else this.preview.unchanged.push(lesson.id);
    }
    this.preview.skipped.sort((a, b) => a.index - b.index);
    return this.preview;
  }
}

function previewLessonmark(data: unknown, existing: ExistingVersions): ImportPreview {
  const envelope = JsonExportEnvelopeSchema.safeParse(data);
  if (!envelope.success) {
    const first = issuesOf('', envelope.error)[0];
    return emptyPreview(`This Lessonmark file is damaged: ${first.path.replace(/^\./, '') || 'file'}: ${first.message}.`, 'lessonmark');
  }
  const { version, lessons } = envelope.data;
  const read = READERS[version];
  if (!read) {
    const hint = version > EXPORT_VERSION ? ' It was made by a newer Lessonmark; update the extension to import it.' : '';
    const known = Object.keys(READERS).join(', ');
    return emptyPreview(`Unsupported Lessonmark export version ${version} (this version reads version ${known}).${hint}`, 'lessonmark', version);
  }
  const preview = emptyPreview(null, 'lessonmark', version);
  preview.total = lessons.length;
  const sorter = new Sorter(preview, existing);
  lessons.forEach((record, index) => {
    const parsed = ImportLessonSchema.safeParse(read(record));
    if (parsed.success) sorter.add(index, parsed.data, 'lessons');
    else preview.invalid.push({ index, issues: issuesOf(`lessons[${index}]`, parsed.error) });
  });
  return sorter.finish();
}

function previewHypothesis(data: unknown, existing: ExistingVersions): ImportPreview {
  const envelope = HypothesisExportSchema.safeParse(data);
  if (!envelope.success) return emptyPreview('This Hypothesis export is damaged: it has no list of annotations.', 'hypothesis');
  const preview = emptyPreview(null, 'hypothesis');
  preview.total = envelope.data.annotations.length;
  const sorter = new Sorter(preview, existing);
  envelope.data.annotations.forEach((record, index) => {
    const where = `annotations[${index}]`;
    const annotation = HypothesisAnnotationSchema.safeParse(record);
    if (!annotation.success) {
      preview.invalid.push({ index, issues: issuesOf(where, annotation.error) });
      return;
    }
    if (annotation.data.references?.length) {
      preview.skipped.push({ index, reason: 'a reply to another annotation, not a lesson' });
      return;
    }
    const parsed = ImportLessonSchema.safeParse(hypothesisToLesson(annotation.data));
    if (parsed.success) sorter.add(index, parsed.data, 'annotations');
    // The paths name our lesson's fields, which is what failed; the index finds the annotation.
    else preview.invalid.push({ index, issues: issuesOf(`${where} → lesson`, parsed.error) });
  });
  return sorter.finish();
}

/**
 * Reads an export file and says what importing it would do. Writes nothing: `applyImport` does
 * that once the person has seen the preview.
 */
export function parseImport(text: string, existing: ExistingVersions = new Map()): ImportPreview {
  if (text.length > MAX_IMPORT_BYTES) {
    return emptyPreview(`The file is too large to import (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
  }
  if (!text.trim()) return emptyPreview('The file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return emptyPreview(`The file is not JSON: ${(e as Error).message}`);
  }
  if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === EXPORT_FORMAT) {
    return previewLessonmark(data, existing);
  }
  if (looksLikeHypothesisExport(data)) return previewHypothesis(data, existing);
  return emptyPreview('The file is neither a Lessonmark export nor a Hypothesis annotation export.');
}

/** One line for the preview dialog, e.g. "3 new, 1 updated, 2 unchanged, 1 invalid". */
export function summarizePreview(p: ImportPreview): string {
  if (p.error) return p.error;
  const parts = [`${p.toCreate.length} new`, `${p.toUpdate.length} updated`, `${p.unchanged.length} unchanged`];
  if (p.invalid.length) parts.push(`${p.invalid.length} invalid`);
  if (p.skipped.length) parts.push(`${p.skipped.length} skipped`);
  return parts.join(', ');
}

export function formatIssue(issue: ImportIssue): string {
  return `${issue.path}: ${issue.message}`;
}
