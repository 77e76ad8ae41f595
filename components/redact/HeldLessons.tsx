import { useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';
import type { Lesson, LessonPatch } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import { openFindings, redactAll, type Redactable } from '@/lib/redact/lesson';
import { FindingsPanel } from './FindingsPanel';
import { CHECK_CSS } from './styles';

interface Props {
  /** Lessons just made team-visible (bulk share, import) that hold secrets or personal data. */
  lessons: Lesson[];
  /** Writes a decision to the stored lesson; resolves with the lesson as written. */
  save: (id: string, patch: LessonPatch) => Promise<Lesson>;
  onClose: () => void;
}

const SHOWN = 20;

/** The fields a Redact or a Keep changes, as a patch of the stored lesson (quote and anchor included). */
export function decisionPatch(next: Redactable): LessonPatch {
  return {
    title: next.title,
    quote: next.quote,
    note: next.note,
    answers: next.answers,
    actions: next.actions,
    keptSecrets: next.keptSecrets ?? [],
    ...(next.question ? { question: next.question } : {}),
    ...(next.anchor ? { anchor: next.anchor } : {}),
  };
}

/** Team lessons among `lessons` that still hold something to decide on. */
export function lessonsToDecide(lessons: readonly Lesson[]): Lesson[] {
  return lessons.filter((l) => l.visibility === 'team' && !l.deletedAt && openFindings(l).length > 0);
}

/**
 * After many lessons became team-visible at once: those holding secrets or personal data, each with
 * its findings highlighted and Redact / Keep saved to the lesson, and Redact all for every one.
 */
export function HeldLessons({ lessons, save, onClose }: Props) {
  const [current, setCurrent] = useState<Lesson[]>(lessons);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = current.filter((l) => openFindings(l).length > 0);

  const write = async (targets: { id: string; next: Redactable }[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const { id, next } of targets) {
        const written = await save(id, decisionPatch(next));
        setCurrent((all) => all.map((l) => (l.id === id ? written : l)));
      }
    } catch (e) {
      setError(t('redact.heldSaveFailed', { error: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="lm-check" role="region" aria-label={t('redact.heldLabel')}>
      <style>{CHECK_CSS}</style>
      <h3 class="lm-check-head">{open.length ? t('redact.heldTitle', open.length) : t('redact.decided')}</h3>
      {open.length > 0 && <p class="lm-check-hint">{t('redact.heldHint')}</p>}
      {open.slice(0, SHOWN).map((l) => (
        <div key={l.id} class="lm-check-lesson">
          <strong>{lessonTitle(l)}</strong>
          <FindingsPanel value={l} onChange={(next) => void write([{ id: l.id, next }])} />
        </div>
      ))}
      {open.length > SHOWN && <p class="lm-check-hint">{t('redact.more', open.length - SHOWN)}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="lm-check-buttons">
        {open.length > 1 && (
          <button type="button" class="secondary" disabled={busy} onClick={() => void write(open.map((l) => ({ id: l.id, next: redactAll(l) })))}>
            {t('redact.redactAll')}
          </button>
        )}
        <button type="button" class="primary" onClick={onClose}>
          {t('redact.heldDone')}
        </button>
      </p>
    </section>
  );
}
