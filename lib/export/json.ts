import { z } from 'zod';
import type { Lesson } from '../lesson';
import { selectLessons, type SelectOptions } from './order';

export const EXPORT_FORMAT = 'lessonmark';
export const EXPORT_VERSION = 1;

/**
 * The envelope of our JSON export. The lessons stay `unknown` here on purpose: the importer
 * validates each one on its own so that one bad record does not hide the good ones.
 */
export const JsonExportEnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.string().optional(),
  lessons: z.array(z.unknown()),
});

export interface JsonExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  lessons: Lesson[];
}

export interface JsonExportOptions extends SelectOptions {
  now?: Date;
}

/** The full lessons, every field kept, so that importing the file restores them exactly. */
export function buildJsonExport(lessons: readonly Lesson[], opts: JsonExportOptions = {}): JsonExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (opts.now ?? new Date()).toISOString(),
    lessons: selectLessons(lessons, opts),
  };
}

export function exportJson(lessons: readonly Lesson[], opts: JsonExportOptions = {}): string {
  return `${JSON.stringify(buildJsonExport(lessons, opts), null, 2)}\n`;
}
