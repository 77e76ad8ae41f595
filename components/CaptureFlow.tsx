import { useState } from 'preact/hooks';
import type { CaptureStart } from '@/lib/capture/draft';
import type { Lesson, LessonDraftInput, Visibility } from '@/lib/lesson';
import { CaptureCard } from './CaptureCard';
import { Toast } from './Toast';

interface Props {
  start: CaptureStart;
  suggestions: string[];
  defaultVisibility: Visibility;
  save: (draft: LessonDraftInput) => Promise<Lesson>;
  remove: (id: string) => Promise<unknown>;
  onDone: () => void;
}

type Stage = { at: 'card' } | { at: 'saved'; lesson: Lesson } | { at: 'message'; text: string; tone: 'ok' | 'error' };

/** Card, then a toast that confirms the save and offers Undo. */
export function CaptureFlow({ start, suggestions, defaultVisibility, save, remove, onDone }: Props) {
  const [stage, setStage] = useState<Stage>({ at: 'card' });

  if (stage.at === 'card') {
    return (
      <CaptureCard
        start={start}
        suggestions={suggestions}
        defaultVisibility={defaultVisibility}
        onSave={save}
        onSaved={(lesson) => setStage({ at: 'saved', lesson })}
        onCancel={onDone}
      />
    );
  }
  if (stage.at === 'saved') {
    const undo = () =>
      remove(stage.lesson.id).then(
        () => setStage({ at: 'message', text: 'Lesson removed.', tone: 'ok' }),
        (e) => setStage({ at: 'message', text: `Could not undo: ${e instanceof Error ? e.message : e}`, tone: 'error' }),
      );
    return <Toast message="Lesson saved." actionLabel="Undo" onAction={undo} onClose={onDone} />;
  }
  return <Toast message={stage.text} tone={stage.tone} onClose={onDone} timeoutMs={3000} />;
}
