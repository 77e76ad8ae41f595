import { useState } from 'preact/hooks';
import type { CaptureStart } from '@/lib/capture/draft';
import type { Lesson, LessonDraftInput, Visibility } from '@/lib/lesson';
import type { Box } from '@/lib/page/place';
import { CaptureCard } from './CaptureCard';
import { Placed } from './Placed';
import { Toast } from './Toast';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';
import { heldNote } from './redact/held';

interface Props {
  start: CaptureStart;
  /** The selection's box: the card opens beside it. */
  target: Box | null;
  suggestions: string[];
  defaultVisibility: Visibility;
  save: (draft: LessonDraftInput) => Promise<Lesson>;
  remove: (id: string) => Promise<unknown>;
  onDone: () => void;
}

type Stage = { at: 'card' } | { at: 'saved'; lesson: Lesson } | { at: 'message'; text: string; tone: 'ok' | 'error' };

/** Card (beside the selection), then a toast that confirms the save and offers Undo. */
export function CaptureFlow({ start, target, suggestions, defaultVisibility, save, remove, onDone }: Props) {
  const [stage, setStage] = useState<Stage>({ at: 'card' });

  if (stage.at === 'card') {
    return (
      <Placed target={target}>
        <CaptureCard
          start={start}
          suggestions={suggestions}
          defaultVisibility={defaultVisibility}
          onSave={save}
          onSaved={(lesson) => setStage({ at: 'saved', lesson })}
          onCancel={onDone}
        />
      </Placed>
    );
  }
  if (stage.at === 'saved') {
    const undo = () =>
      remove(stage.lesson.id).then(
        () => setStage({ at: 'message', text: t('card.removed'), tone: 'ok' }),
        (e) => setStage({ at: 'message', text: t('popup.undoFailed', { error: errorText(e) }), tone: 'error' }),
      );
    return (
      <div class="corner">
        <Toast message={`${t('card.saved')}${heldNote(stage.lesson)}`} actionLabel={t('common.undo')} onAction={undo} onClose={onDone} />
      </div>
    );
  }
  return (
    <div class="corner">
      <Toast message={stage.text} tone={stage.tone} onClose={onDone} timeoutMs={3000} />
    </div>
  );
}
