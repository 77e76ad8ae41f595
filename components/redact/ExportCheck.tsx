import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson';
import { openFindings } from '@/lib/redact/lesson';
import { t } from '@/lib/i18n';
import { FindingsPanel } from './FindingsPanel';
import { SHOWN, useDecidedCopies } from './useDecidedCopies';

interface Props {
  lessons: Lesson[];
  onDone: (lessons: Lesson[]) => void;
  onCancel: () => void;
}

/** Whether any of the lessons holds something the findings panel would show. */
export function needsCheck(lessons: readonly Lesson[]): boolean {
  return lessons.some((l) => openFindings(l).length > 0);
}

/**
 * Before an export (a copy has its CopyCheck): the lessons holding secrets or personal data, each with its findings
 * panel. Redact and Keep change the exported copy only; the lessons on this device stay as they are.
 */
export function ExportCheck({ lessons, onDone, onCancel }: Props) {
  const { copies, flagged, update, redactEverything } = useDecidedCopies(lessons, openFindings);
  return (
    <section class="panel export-check" role="region" aria-label={t('exportCheck.label')}>
      <h3>
        {flagged.length === 0 ? t('redact.decided') : t('redact.heldTitle', flagged.length)}
      </h3>
      {flagged.slice(0, SHOWN).map(([l, i]) => (
        <div key={l.id} class="export-check-lesson">
          <strong>{lessonTitle(l)}</strong>
          <FindingsPanel value={l} purpose="export" onChange={(next) => update(i, next)} />
        </div>
      ))}
      {flagged.length > SHOWN && <p class="muted">{t('redact.more', flagged.length - SHOWN)}</p>}
      <p class="export-check-buttons">
        {flagged.length > 0 && (
          <button type="button" class="secondary" onClick={redactEverything}>
            {t('redact.redactAll')}
          </button>
        )}
        <button type="button" class="primary" onClick={() => onDone(copies)}>
          {flagged.length ? t('exportCheck.asShown') : t('exportCheck.export')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </section>
  );
}
