import { t } from '@/lib/i18n';
import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import { openFindings } from '@/lib/redact/lesson';
import { FindingsPanel } from './FindingsPanel';
import { CHECK_CSS } from './styles';
import { SHOWN, useDecidedCopies } from './useDecidedCopies';

interface Props {
  /** The lessons the copied text is made from. */
  lessons: Lesson[];
  /** Makes and copies the text from the lessons as decided (Redact and Keep change this copy only). */
  onCopy: (lessons: Lesson[]) => void;
  onCancel: () => void;
}

/** A copy carries the lesson's words, never its anchor's page context, so only those are asked about. */
const copyFindings = (l: Lesson) => openFindings(l).filter((f) => !f.field.startsWith('anchor.'));

/** Whether copying text made from these lessons should first ask about what they hold. */
export function needsCopyCheck(lessons: readonly Lesson[]): boolean {
  return lessons.some((l) => copyFindings(l).length > 0);
}

/**
 * Before a copy to the clipboard: each lesson holding secrets or personal data with its findings,
 * Redact / Keep for this copy, Redact all (Alt+R), and the copy itself once the person decides.
 */
export function CopyCheck({ lessons, onCopy, onCancel }: Props) {
  const { copies, flagged, update, redactEverything } = useDecidedCopies(lessons, copyFindings);
  const many = lessons.length > 1;
  return (
    <section class="lm-check" role="region" aria-label={t('redact.copyLabel')}>
      <style>{CHECK_CSS}</style>
      <p class="lm-check-head">
        <strong>{flagged.length ? t('redact.copyTitle', flagged.length) : t('redact.decided')}</strong>
      </p>
      {flagged.length > 0 && <p class="lm-check-hint">{t('redact.copyHint')}</p>}
      {flagged.slice(0, SHOWN).map(([l, i]) => (
        <div key={l.id} class="lm-check-lesson">
          {many && <strong>{lessonTitle(l)}</strong>}
          <FindingsPanel value={l} purpose="copy" onChange={(next) => update(i, next)} />
        </div>
      ))}
      {flagged.length > SHOWN && <p class="lm-check-hint">{t('redact.more', flagged.length - SHOWN)}</p>}
      <p class="lm-check-buttons">
        {many && flagged.length > 0 && (
          <button type="button" class="secondary" onClick={redactEverything}>
            {t('redact.redactAll')}
          </button>
        )}
        <button type="button" class="primary" onClick={() => onCopy(copies)}>
          {t('redact.copyConfirm')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </section>
  );
}
