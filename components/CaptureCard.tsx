import { useRef, useState } from 'preact/hooks';
import type { Lesson, LessonDraftInput, Pillar, Visibility } from '@/lib/lesson';
import { MAX_QUOTE } from '@/lib/lesson-basics';
import type { CaptureStart } from '@/lib/capture/draft';
import { PILLAR_INFO } from '@/lib/pillars';
import { PillarPicker } from './PillarPicker';
import { TagInput } from './TagInput';
import { VisibilityPicker } from './VisibilityPicker';
import { useFocusOnOpen } from './focus-on-open';
import { trapTab } from './focus-trap';
import { useSaving } from './hooks/useSaving';
import { formatNumber, t } from '@/lib/i18n';
import { FindingsPanel } from './redact/FindingsPanel';

interface Props {
  start: CaptureStart;
  suggestions: string[];
  defaultVisibility: Visibility;
  onSave: (draft: LessonDraftInput) => Promise<Lesson>;
  onSaved: (lesson: Lesson) => void;
  onCancel: () => void;
}

/**
 * The in-page capture card. Enter saves (Shift+Enter for a new line), Escape cancels. A failed
 * save shows its error and keeps everything typed. Tab goes note, kind, tags, who sees it, Save,
 * Cancel, and wraps around inside the card.
 */
export function CaptureCard({ start, suggestions, defaultVisibility, onSave, onSaved, onCancel }: Props) {
  const [kind, setKind] = useState<Pillar>('experience');
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<Visibility>(defaultVisibility);
  const { saving, error, save: run } = useSaving((why) => t('card.saveFailed', { error: why }), { closes: true });
  // Quote, anchor and kept secrets as the findings panel left them (redacting changes the quote).
  const [checked, setChecked] = useState({ quote: start.quote, anchor: start.anchor, keptSecrets: undefined as Lesson['keptSecrets'] });
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useFocusOnOpen(() => noteRef.current);

  const save = () =>
    run(async () => {
      const lesson = await onSave({
        kind,
        note,
        tags,
        visibility,
        ...checked,
        source: start.source,
      });
      onSaved(lesson);
    });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else trapTab(e, dialogRef.current!);
  };
  const onNoteKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <div ref={dialogRef} class="card capture" role="dialog" aria-label={t('card.heading')} onKeyDown={onKeyDown}>
      <form
        class="card-form"
        // Save acts on the button's click, which only real input reaches: requestSubmit() from a
        // script fires a submit event that looks trusted.
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="card-head">
          <strong>{t('card.heading')}</strong>
          <span class="where" title={start.source.url}>
            {start.source.title || start.source.url}
          </span>
        </div>
        {checked.quote ? (
          <blockquote class="quote">{checked.quote}</blockquote>
        ) : (
          <p class="page-level">{t('popup.noSelection')}</p>
        )}
        {start.clipped && (
          <p class="notice" role="alert">
            {t('card.clipped', { max: formatNumber(MAX_QUOTE) })}
          </p>
        )}
        <label class="field">
          <span>{t('common.note')}</span>
          <textarea
            ref={noteRef}
            class="note"
            rows={3}
            value={note}
            placeholder={PILLAR_INFO[kind].asked.join(' ')}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            onKeyDown={onNoteKey}
          />
        </label>
        <PillarPicker name="lessonmark-kind" value={kind} onChange={setKind} />
        <div class="field">
          <span id="lessonmark-tags-label">{t('forms.tags')}</span>
          <TagInput tags={tags} suggestions={suggestions} onChange={setTags} onSubmit={() => void save()} labelledBy="lessonmark-tags-label" />
        </div>
        <VisibilityPicker name="lessonmark-visibility" value={visibility} onChange={setVisibility} />
        {visibility === 'team' && (
          <FindingsPanel
            value={{ title: '', note, answers: [], actions: [], ...checked }}
            onChange={({ note: n, quote, anchor, keptSecrets }) => {
              setNote(n);
              setChecked({ quote, anchor, keptSecrets });
            }}
          />
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="card-foot">
          <span class="hint">{t('card.keys')}</span>
          <button type="submit" class="primary" disabled={saving} onClick={() => void save()}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
