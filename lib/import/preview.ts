import { z } from 'zod';
import { LessonSchema, type Lesson } from '../lesson';
import { withHostedWorkItem } from '../work-item';
import { EXPORT_FORMAT, EXPORT_VERSION, JsonExportEnvelopeSchema } from '../export/json';
import type { DetectOptions } from '../sites/types';
import { HypothesisAnnotationSchema, HypothesisExportSchema, hypothesisToLesson, looksLikeHypothesisExport } from './hypothesis';
import { errorText } from '../error-text';
import { formatNumber, t } from '../i18n';
import { WebAnnotationSchema, annotationsIn, looksLikeWebAnnotation, notALesson, webAnnotationToLesson } from './webanno';

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

export type ImportFormat = 'lessonmark' | 'hypothesis' | 'webanno';

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
  /** Valid records imported in part, and what was not kept: a place on the page we cannot read, further pages. */
  inPart: SkippedRecord[];
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
  return { error, format, version, total: 0, toCreate: [], toUpdate: [], unchanged: [], invalid: [], skipped: [], inPart: [] };
}

function failed(error: string, format: ImportFormat | null = null, version: number | null = null): ReadImport {
  return { preview: emptyPreview(error, format, version), lessons: [] };
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

/** Newest wins, for the preview and for the write: `a` is a later `updatedAt` than `b`. */
export const newer = (a: string, b: string) => {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb;
};

/** A file read and validated, its valid lessons not yet compared with what is stored. */
export interface ReadImport {
  /** The preview without its new / newer / unchanged lists. */
  preview: ImportPreview;
  /** Valid lessons, one per id (the newest when the file repeats one). */
  lessons: Lesson[];
}

/** Keeps one valid lesson per id, the newest, and notes the others as skipped. */
class Deduper {
  private readonly seen = new Map<string, { index: number; lesson: Lesson }>();

  constructor(private readonly preview: ImportPreview) {}

  add(index: number, lesson: Lesson, label: string) {
    const earlier = this.seen.get(lesson.id);
    if (earlier) {
      const keep = newer(lesson.updatedAt, earlier.lesson.updatedAt) ? lesson : earlier.lesson;
      const drop = keep === lesson ? earlier.index : index;
      this.preview.skipped.push({ index: drop, reason: t('importFile.sameId', { record: `${label}[${keep === lesson ? index : earlier.index}]` }) });
      if (keep === lesson) this.seen.set(lesson.id, { index, lesson });
      return;
    }
    this.seen.set(lesson.id, { index, lesson });
  }

  finish(): ReadImport {
    this.preview.skipped.sort((a, b) => a.index - b.index);
    return { preview: this.preview, lessons: [...this.seen.values()].map((s) => s.lesson) };
  }
}

/** Sorts a read file's lessons into new, newer and unchanged against what is stored. */
export function sortImport({ preview, lessons }: ReadImport, existing: ExistingVersions): ImportPreview {
  const lookup = typeof existing === 'function' ? existing : (id: string) => existing.get(id);
  const sorted: ImportPreview = { ...preview, toCreate: [], toUpdate: [], unchanged: [] };
  for (const lesson of lessons) {
    const stored = lookup(lesson.id);
    if (stored === undefined) sorted.toCreate.push(lesson);
    else if (newer(lesson.updatedAt, stored)) sorted.toUpdate.push(lesson);
    else sorted.unchanged.push(lesson.id);
  }
  return sorted;
}

function readLessonmark(data: unknown): ReadImport {
  const envelope = JsonExportEnvelopeSchema.safeParse(data);
  if (!envelope.success) {
    const first = issuesOf('', envelope.error)[0];
    return failed(t('importFile.damaged', { where: first.path.replace(/^\./, '') || 'file', problem: first.message }), 'lessonmark');
  }
  const { version, lessons } = envelope.data;
  const read = READERS[version];
  if (!read) {
    const hint = version > EXPORT_VERSION ? ` ${t('importFile.newer')}` : '';
    const known = Object.keys(READERS).join(', ');
    return failed(t('importFile.version', { version: String(version), known }) + hint, 'lessonmark', version);
  }
  const preview = emptyPreview(null, 'lessonmark', version);
  preview.total = lessons.length;
  const records = new Deduper(preview);
  lessons.forEach((record, index) => {
    const parsed = ImportLessonSchema.safeParse(read(record));
    // Files from older versions carry host-less Jira keys.
    if (parsed.success) records.add(index, withHostedWorkItem(parsed.data), 'lessons');
    else preview.invalid.push({ index, issues: issuesOf(`lessons[${index}]`, parsed.error) });
  });
  return records.finish();
}

function readHypothesis(data: unknown, options: DetectOptions): ReadImport {
  const envelope = HypothesisExportSchema.safeParse(data);
  if (!envelope.success) return failed(t('importFile.hypothesisDamaged'), 'hypothesis');
  const preview = emptyPreview(null, 'hypothesis');
  preview.total = envelope.data.annotations.length;
  const records = new Deduper(preview);
  envelope.data.annotations.forEach((record, index) => {
    const where = `annotations[${index}]`;
    const annotation = HypothesisAnnotationSchema.safeParse(record);
    if (!annotation.success) {
      preview.invalid.push({ index, issues: issuesOf(where, annotation.error) });
      return;
    }
    if (annotation.data.references?.length) {
      preview.skipped.push({ index, reason: t('importFile.reply') });
      return;
    }
    const parsed = ImportLessonSchema.safeParse(hypothesisToLesson(annotation.data, options));
    if (parsed.success) records.add(index, parsed.data, 'annotations');
    // The paths name our lesson's fields, which is what failed; the index finds the annotation.
    else preview.invalid.push({ index, issues: issuesOf(`${where} → lesson`, parsed.error) });
  });
  return records.finish();
}

function readWebAnnotations(data: unknown, options: DetectOptions): ReadImport {
  const found = annotationsIn(data);
  if ('error' in found) return failed(found.error, 'webanno');
  const preview = emptyPreview(null, 'webanno');
  preview.total = found.annotations.length;
  const records = new Deduper(preview);
  const ids = new Set(found.annotations.map((a) => (a as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string'));
  const now = new Date();
  found.annotations.forEach((record, index) => {
    const where = `annotations[${index}]`;
    const annotation = WebAnnotationSchema.safeParse(record);
    if (!annotation.success) {
      preview.invalid.push({ index, issues: issuesOf(where, annotation.error) });
      return;
    }
    const skip = notALesson(annotation.data, ids);
    if (skip) {
      preview.skipped.push({ index, reason: skip });
      return;
    }
    const read = webAnnotationToLesson(annotation.data, options, now);
    if ('error' in read) {
      preview.invalid.push({ index, issues: [{ path: `${where}.target`, message: read.error }] });
      return;
    }
    const parsed = ImportLessonSchema.safeParse(read.lesson);
    if (!parsed.success) {
      preview.invalid.push({ index, issues: issuesOf(`${where} → lesson`, parsed.error) });
      return;
    }
    records.add(index, parsed.data, 'annotations');
    if (read.notKept.length) preview.inPart.push({ index, reason: read.notKept.join('; ') });
  });
  return records.finish();
}

/**
 * Reads and validates an export file, before it is compared with what is stored. `options` names
 * the self-hosted installations, to key annotations on their pages as captures there are keyed.
 */
export function readImport(text: string, options: DetectOptions = {}): ReadImport {
  if (text.length > MAX_IMPORT_BYTES) {
    return failed(t('importFile.tooLarge', { mb: formatNumber(MAX_IMPORT_BYTES / 1024 / 1024) }));
  }
  if (!text.trim()) return failed(t('importFile.empty'));
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return failed(t('importFile.notJson', { error: errorText(e) }));
  }
  if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === EXPORT_FORMAT) {
    return readLessonmark(data);
  }
  if (looksLikeHypothesisExport(data)) return readHypothesis(data, options);
  if (looksLikeWebAnnotation(data)) return readWebAnnotations(data, options);
  return failed(t('importFile.unknown'));
}

/**
 * Reads an export file and says what importing it would do. Writes nothing: `applyImport` does
 * that once the person has seen the preview.
 */
export function parseImport(text: string, existing: ExistingVersions = new Map()): ImportPreview {
  return sortImport(readImport(text), existing);
}

export function formatIssue(issue: ImportIssue): string {
  return `${issue.path}: ${issue.message}`;
}
