import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import { exportCsv } from '@/lib/export/csv';
import { exportJson } from '@/lib/export/json';
import { exportMarkdown, exportMarkdownZip } from '@/lib/export/markdown';
import { exportWebAnnotations } from '@/lib/export/web-annotation';
import { MAX_IMPORT_BYTES, formatIssue, type ImportFormat } from '@/lib/import/preview';
import { summarizePreview, type ImportSummary } from '@/lib/library/import-plan';
import { lessonsByIds } from '@/lib/library/load';
import type { LessonIndex } from '@/lib/library/search';
import { download, today } from './download';
import type { LibraryEnv } from './env';
import { errorText } from '@/lib/error-text';
import { ExportCheck, needsCheck } from '../redact/ExportCheck';

interface Props {
  env: LibraryEnv;
  index: LessonIndex;
  /** Ids of the lessons the current filter shows. */
  filteredIds: () => string[];
  filtered: boolean;
  notify: (message: string, tone?: 'ok' | 'error') => void;
}

type Format = 'json' | 'markdown' | 'zip' | 'csv' | 'annotations';

const FORMATS: { id: Format; label: string }[] = [
  { id: 'json', label: 'JSON (full backup, imports back)' },
  { id: 'markdown', label: 'Markdown, one document' },
  { id: 'zip', label: 'Markdown, one file per lesson (.zip)' },
  { id: 'csv', label: 'CSV (spreadsheet)' },
  { id: 'annotations', label: 'W3C Web Annotation (JSON-LD)' },
];

function save(format: Format, lessons: Lesson[]) {
  const stem = `lessonmark-${today()}`;
  if (format === 'json') download(`${stem}.json`, exportJson(lessons), 'application/json');
  else if (format === 'markdown') download(`${stem}.md`, exportMarkdown(lessons), 'text/markdown;charset=utf-8');
  else if (format === 'zip') download(`${stem}.zip`, exportMarkdownZip(lessons), 'application/zip');
  else if (format === 'csv') download(`${stem}.csv`, exportCsv(lessons), 'text/csv;charset=utf-8');
  else download(`${stem}.jsonld`, exportWebAnnotations(lessons), 'application/ld+json');
}

const FORMAT_NAMES: Record<ImportFormat, string> = {
  lessonmark: 'Lessonmark export',
  hypothesis: 'Hypothesis export',
  webanno: 'W3C Web Annotations',
};

/** A previewed file: the worker has read it by `url`, which lives until the import or its cancel. */
interface Pending {
  name: string;
  url: string;
  summary: ImportSummary;
}

/** Export of all lessons or the current filter, and import with a preview before anything is written. */
export function TransferView({ env, index, filteredIds, filtered, notify }: Props) {
  const [scope, setScope] = useState<'all' | 'filter'>(filtered ? 'filter' : 'all');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const matching = useMemo(() => filteredIds().length, [filteredIds]);

  const [checking, setChecking] = useState<{ format: Format; lessons: Lesson[] } | null>(null);
  const exportAs = async (format: Format) => {
    setBusy(true);
    try {
      const ids = scope === 'filter' ? filteredIds() : index.all().map((r) => r.id);
      const lessons = await lessonsByIds(env.db, ids);
      if (needsCheck(lessons)) {
        setChecking({ format, lessons });
        return;
      }
      save(format, lessons);
      notify(`Exported ${lessons.length} ${lessons.length === 1 ? 'lesson' : 'lessons'}`);
    } catch (e) {
      notify(`Export failed: ${errorText(e)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  // A previewed file's URL lives while its preview does (the worker may read it again on import).
  useEffect(
    () => () => {
      if (pending) URL.revokeObjectURL(pending.url);
    },
    [pending],
  );
  const dismiss = () => setPending(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    dismiss();
    setImportError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setImportError(`${file.name} is too large to import (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Nothing was changed.`);
      return;
    }
    setBusy(true);
    const url = URL.createObjectURL(file);
    try {
      const summary = await env.previewImport(url);
      if (summary.error) {
        URL.revokeObjectURL(url);
        setImportError(`${file.name}: ${summary.error} Nothing was changed.`);
      } else setPending({ name: file.name, url, summary });
    } catch (e) {
      URL.revokeObjectURL(url);
      setImportError(`${file.name} could not be read: ${errorText(e)}. Nothing was changed.`);
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const { written, skipped } = await env.applyImport(pending.url);
      dismiss();
      const kept = skipped ? ` (${skipped} changed here since the preview: the newer copy here was kept)` : '';
      notify(`Imported ${written} ${written === 1 ? 'lesson' : 'lessons'} from ${pending.name}${kept}`);
    } catch (e) {
      setImportError(`The import failed and nothing was changed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const p = pending?.summary;
  const toWrite = p ? p.create + p.update : 0;

  return (
    <div class="transfer">
      <section aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <fieldset class="scope">
          <legend>Which lessons</legend>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            All lessons ({index.size})
          </label>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'filter'} onChange={() => setScope('filter')} />
            The current filter ({matching})
          </label>
        </fieldset>
        {checking && (
          <ExportCheck
            lessons={checking.lessons}
            action="Export"
            onCancel={() => setChecking(null)}
            onDone={(lessons) => {
              setChecking(null);
              save(checking.format, lessons);
              notify(`Exported ${lessons.length} ${lessons.length === 1 ? 'lesson' : 'lessons'}`);
            }}
          />
        )}
        <div class="export-buttons">
          {FORMATS.map((f) => (
            <button key={f.id} type="button" class="secondary" data-format={f.id} disabled={busy} onClick={() => exportAs(f.id)}>
              {f.label}
            </button>
          ))}
        </div>
      </section>

      <section aria-labelledby="import-title">
        <h2 id="import-title">Import</h2>
        <p class="muted">
          A Lessonmark JSON export, a Hypothesis export, or W3C Web Annotations (JSON-LD) from any annotation tool. You see
          what will change before anything is written.
        </p>
        <label
          class={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void readFile(e.dataTransfer?.files[0]);
          }}
        >
          <span>Drop a file here, or choose one</span>
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            aria-label="File to import"
            onChange={(e) => {
              void readFile(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
        {importError && (
          <p class="error" role="alert">
            {importError}
          </p>
        )}
        {pending && p && (
          <div class="import-preview" aria-label="Import preview">
            <h3>
              {pending.name} <span class="muted">({FORMAT_NAMES[p.format ?? 'lessonmark']}, {p.total} records)</span>
            </h3>
            <ul class="import-counts">
              <li data-count="new">
                <strong>{p.create}</strong> new{p.revived > 0 && ` (${p.revived} bring back lessons deleted here)`}
              </li>
              <li data-count="update">
                <strong>{p.update}</strong> update existing
              </li>
              <li data-count="unchanged">
                <strong>{p.unchanged}</strong> unchanged
              </li>
              <li data-count="invalid">
                <strong>{p.invalidCount}</strong> invalid
              </li>
              {p.skippedCount > 0 && (
                <li data-count="skipped">
                  <strong>{p.skippedCount}</strong> skipped
                </li>
              )}
            </ul>
            {p.invalidCount > 0 && (
              <details open={p.invalidCount <= 10} class="import-invalid">
                <summary>Invalid records (not imported)</summary>
                <ul>
                  {p.invalid.flatMap((r) =>
                    r.issues.map((issue, k) => <li key={`${r.index}-${k}`}>{formatIssue(issue)}</li>),
                  )}
                </ul>
                {p.invalidCount > p.invalid.length && <p class="muted">…and {p.invalidCount - p.invalid.length} more records.</p>}
              </details>
            )}
            {p.skippedCount > 0 && (
              <details class="import-skipped">
                <summary>Skipped records</summary>
                <ul>
                  {p.skipped.map((s) => (
                    <li key={s.index}>
                      #{s.index}: {s.reason}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {p.inPartCount > 0 && (
              <details open={p.inPartCount <= 10} class="import-in-part">
                <summary>Imported in part: what could not be kept</summary>
                <ul>
                  {p.inPart.map((s) => (
                    <li key={s.index}>
                      #{s.index}: {s.reason}
                    </li>
                  ))}
                </ul>
                {p.inPartCount > p.inPart.length && <p class="muted">…and {p.inPartCount - p.inPart.length} more.</p>}
              </details>
            )}
            <p class="muted">{summarizePreview(p)}</p>
            <div class="import-buttons">
              <button type="button" class="primary" disabled={busy || toWrite === 0} onClick={runImport}>
                {toWrite === 0 ? 'Nothing to import' : `Import ${toWrite} ${toWrite === 1 ? 'lesson' : 'lessons'}`}
              </button>
              <button type="button" class="secondary" onClick={dismiss}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
