import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import { exportCsv } from '@/lib/export/csv';
import { exportJson } from '@/lib/export/json';
import { exportMarkdown, exportMarkdownZip } from '@/lib/export/markdown';
import { exportWebAnnotations } from '@/lib/export/web-annotation';
import { MAX_IMPORT_BYTES, formatIssue, type ImportFormat } from '@/lib/import/preview';
import { summarizePreview, type ImportSummary } from '@/lib/library/import-plan';
import { lessonsByIds } from '@/lib/library/load';
import type { LibraryIndex } from '@/lib/library/library-index';
import { download, today } from './download';
import type { LibraryEnv } from './env';
import { errorText } from '@/lib/error-text';
import { formatNumber, t } from '@/lib/i18n';
import { ExportCheck, needsCheck } from '../redact/ExportCheck';
import { HeldLessons, lessonsToDecide } from '../redact/HeldLessons';

interface Props {
  env: LibraryEnv;
  index: LibraryIndex;
  /** Ids of the lessons the current filter shows. */
  filteredIds: () => string[];
  filtered: boolean;
  notify: (message: string, tone?: 'ok' | 'error') => void;
}

type Format = 'json' | 'markdown' | 'zip' | 'csv' | 'annotations';

const FORMATS: { id: Format; label: () => string }[] = [
  { id: 'json', label: () => t('transfer.format.json') },
  { id: 'markdown', label: () => t('transfer.format.markdown') },
  { id: 'zip', label: () => t('transfer.format.zip') },
  { id: 'csv', label: () => t('transfer.format.csv') },
  { id: 'annotations', label: () => t('transfer.format.annotations') },
];

function save(format: Format, lessons: Lesson[]) {
  const stem = `lessonmark-${today()}`;
  if (format === 'json') download(`${stem}.json`, exportJson(lessons), 'application/json');
  else if (format === 'markdown') download(`${stem}.md`, exportMarkdown(lessons), 'text/markdown;charset=utf-8');
  else if (format === 'zip') download(`${stem}.zip`, exportMarkdownZip(lessons), 'application/zip');
  else if (format === 'csv') download(`${stem}.csv`, exportCsv(lessons), 'text/csv;charset=utf-8');
  else download(`${stem}.jsonld`, exportWebAnnotations(lessons), 'application/ld+json');
}

const FORMAT_NAMES: Record<ImportFormat, () => string> = {
  lessonmark: () => t('transfer.from.lessonmark'),
  hypothesis: () => t('transfer.from.hypothesis'),
  webanno: () => t('transfer.from.webanno'),
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
  const [held, setHeld] = useState<Lesson[]>([]);
  const matching = useMemo(() => filteredIds().length, [filteredIds]);

  const [checking, setChecking] = useState<{ format: Format; lessons: Lesson[] } | null>(null);
  const exportAs = async (format: Format) => {
    setBusy(true);
    try {
      const ids = scope === 'filter' ? filteredIds() : index.ids();
      const lessons = await lessonsByIds(env.db, ids);
      if (needsCheck(lessons)) {
        setChecking({ format, lessons });
        return;
      }
      save(format, lessons);
      notify(t('transfer.exported', lessons.length));
    } catch (e) {
      notify(t('transfer.exportFailed', { error: errorText(e) }), 'error');
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
    setHeld([]);
    setImportError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setImportError(t('transfer.tooLarge', { file: file.name, mb: formatNumber(MAX_IMPORT_BYTES / 1024 / 1024) }));
      return;
    }
    setBusy(true);
    const url = URL.createObjectURL(file);
    try {
      const summary = await env.previewImport(url);
      if (summary.error) {
        URL.revokeObjectURL(url);
        setImportError(t('transfer.refused', { file: file.name, error: summary.error }));
      } else setPending({ name: file.name, url, summary });
    } catch (e) {
      URL.revokeObjectURL(url);
      setImportError(t('transfer.unreadable', { file: file.name, error: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const { written, skipped, flagged } = await env.applyImport(pending.url);
      dismiss();
      if (flagged?.length) setHeld(lessonsToDecide(await lessonsByIds(env.db, flagged)));
      const kept = skipped ? t('transfer.keptNewer', { n: formatNumber(skipped) }) : '';
      notify(t('transfer.imported', written, { file: pending.name, kept }));
    } catch (e) {
      setImportError(t('transfer.importFailed', { error: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  const p = pending?.summary;
  const toWrite = p ? p.create + p.update : 0;

  return (
    <div class="transfer">
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('transfer.export')}</h2>
        <fieldset class="scope">
          <legend>{t('transfer.which')}</legend>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            {t('transfer.all', { n: formatNumber(index.size) })}
          </label>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'filter'} onChange={() => setScope('filter')} />
            {t('transfer.filter', { n: formatNumber(matching) })}
          </label>
        </fieldset>
        {checking && (
          <ExportCheck
            lessons={checking.lessons}
            onCancel={() => setChecking(null)}
            onDone={(lessons) => {
              setChecking(null);
              save(checking.format, lessons);
              notify(t('transfer.exported', lessons.length));
            }}
          />
        )}
        <div class="export-buttons">
          {FORMATS.map((f) => (
            <button key={f.id} type="button" class="secondary" data-format={f.id} disabled={busy} onClick={() => exportAs(f.id)}>
              {f.label()}
            </button>
          ))}
        </div>
      </section>

      <section aria-labelledby="import-title">
        <h2 id="import-title">{t('transfer.import')}</h2>
        <p class="muted">{t('transfer.importHint')}</p>
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
          <span>{t('transfer.drop')}</span>
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            aria-label={t('transfer.fileLabel')}
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
        {held.length > 0 && <HeldLessons lessons={held} save={env.updateLesson} onClose={() => setHeld([])} />}
        {pending && p && (
          <div class="import-preview" aria-label={t('transfer.previewLabel')}>
            <h3>
              {pending.name} <span class="muted">{t('transfer.records', p.total, { format: FORMAT_NAMES[p.format ?? 'lessonmark']() })}</span>
            </h3>
            <ul class="import-counts">
              <li data-count="new">
                <strong>{formatNumber(p.create)}</strong> {t('transfer.count.new')}
                {p.revived > 0 && ` ${t('transfer.count.revived', { n: formatNumber(p.revived) })}`}
              </li>
              <li data-count="update">
                <strong>{formatNumber(p.update)}</strong> {t('transfer.count.update')}
              </li>
              <li data-count="unchanged">
                <strong>{formatNumber(p.unchanged)}</strong> {t('transfer.count.unchanged')}
              </li>
              <li data-count="invalid">
                <strong>{formatNumber(p.invalidCount)}</strong> {t('transfer.count.invalid')}
              </li>
              {p.skippedCount > 0 && (
                <li data-count="skipped">
                  <strong>{formatNumber(p.skippedCount)}</strong> {t('transfer.count.skipped')}
                </li>
              )}
            </ul>
            {p.invalidCount > 0 && (
              <details open={p.invalidCount <= 10} class="import-invalid">
                <summary>{t('transfer.invalid')}</summary>
                <ul>
                  {p.invalid.flatMap((r) =>
                    r.issues.map((issue, k) => <li key={`${r.index}-${k}`}>{formatIssue(issue)}</li>),
                  )}
                </ul>
                {p.invalidCount > p.invalid.length && <p class="muted">{t('transfer.moreRecords', { n: formatNumber(p.invalidCount - p.invalid.length) })}</p>}
              </details>
            )}
            {p.skippedCount > 0 && (
              <details class="import-skipped">
                <summary>{t('transfer.skipped')}</summary>
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
                <summary>{t('transfer.inPart')}</summary>
                <ul>
                  {p.inPart.map((s) => (
                    <li key={s.index}>
                      #{s.index}: {s.reason}
                    </li>
                  ))}
                </ul>
                {p.inPartCount > p.inPart.length && <p class="muted">{t('transfer.more', { n: formatNumber(p.inPartCount - p.inPart.length) })}</p>}
              </details>
            )}
            <p class="muted">{summarizePreview(p)}</p>
            <div class="import-buttons">
              <button type="button" class="primary" disabled={busy || toWrite === 0} onClick={runImport}>
                {toWrite === 0 ? t('transfer.nothing') : t('transfer.importN', toWrite)}
              </button>
              <button type="button" class="secondary" onClick={dismiss}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
