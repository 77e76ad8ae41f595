import type { LessonDb } from '../db/database';
import { importBaseline, lessonsToWrite, summaryOf, type ImportSummary } from '../library/import-plan';
import type { DetectOptions } from '../sites/types';
import { storedRows } from '../db/stored-rows';
import { openFindings } from '../redact/lesson';
import { existingVersions, importLessons } from './apply';
import { MAX_IMPORT_BYTES, readImport, sortImport, type ImportPreview } from './preview';

/** Reads the file a page chose, by the `blob:` URL the page made for it. */
export type ReadFile = (url: string) => Promise<string>;

/** What an import wrote: new and newer lessons, and those kept because the stored copy is newer. */
export interface ImportResult {
  written: number;
  skipped: number;
  /** Ids of the team lessons written that hold secrets or personal data, for the person to decide on. */
  flagged?: string[];
}

/**
 * Imports in the background worker, which writes the database. The page hands over the chosen
 * file as a `blob:` URL: the file is read, parsed and validated once, here, and stays here until
 * the person confirms. Sending the lessons themselves across would cost as much as writing them
 * (extension messages are JSON, about 30 MB/s), and validating them twice twice as much.
 */
export class ImportSessions {
  /** The last preview, kept for its confirmation; a worker that slept since reads the file again. */
  private last?: { url: string; preview: ImportPreview; stored: Map<string, string> };

  constructor(
    private readonly db: LessonDb,
    private readonly read: ReadFile = readBlobUrl,
    /** The self-hosted installations the settings name, read at each import. */
    private readonly detectOptions: () => Promise<DetectOptions> = async () => ({}),
  ) {}

  async preview(url: string): Promise<ImportSummary> {
    const session = await this.open(url);
    return summaryOf(session.preview, session.stored);
  }

  async apply(url: string): Promise<ImportResult> {
    const session = this.last?.url === url ? this.last : await this.open(url);
    this.last = undefined;
    if (session.preview.error) throw new Error(session.preview.error);
    const lessons = lessonsToWrite(session.preview, session.stored);
    const { created, updated, skipped } = await importLessons(this.db, lessons);
    const flagged = lessons.filter((l) => l.visibility === 'team' && openFindings(l).length > 0).map((l) => l.id);
    return { written: created + updated, skipped, ...(flagged.length ? { flagged } : {}) };
  }

  private async open(url: string) {
    this.last = undefined;
    const read = readImport(await this.read(url), await this.detectOptions());
    const stored = await existingVersions(this.db);
    // A lesson deleted here counts as absent, so importing a backup brings it back.
    const present = read.lessons.filter((l) => stored.has(l.id)).map((l) => l.id);
    const rows = await storedRows(this.db.lessons, present);
    const preview = sortImport(read, importBaseline(stored, (id) => !rows.get(id)?.deletedAt));
    this.last = { url, preview, stored };
    return this.last;
  }
}

async function readBlobUrl(url: string): Promise<string> {
  const file = await (await fetch(url)).blob();
  if (file.size > MAX_IMPORT_BYTES) throw new Error(`the file is too large to import (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
  return file.text();
}
