import type { Lesson, LessonPatch } from '@/lib/lesson';
import { Toast } from '../Toast';
import { LessonPeek } from './LessonPeek';
import { NotFoundList } from './NotFoundList';

export interface PageLayerState {
  /** `pinned`: opened by a click or used since; it no longer hides when the pointer leaves. */
  peek: { lesson: Lesson; x: number; y: number; pinned: boolean } | null;
  notFound: Lesson[];
  toast: { message: string; undo?: () => void } | null;
}

interface Props extends PageLayerState {
  suggestions: string[];
  onSave: (lesson: Lesson, patch: LessonPatch) => Promise<unknown>;
  onDelete: (lesson: Lesson) => void;
  onOpen: (lesson: Lesson) => void;
  onClosePeek: () => void;
  onCloseToast: () => void;
  onPeekHover: (inside: boolean) => void;
  onPin: () => void;
}

/** Everything Lessonmark draws on a page besides the highlights, in one shadow root. */
export function PageLayer(props: Props) {
  const { peek, notFound, toast } = props;
  return (
    <>
      {peek && (
        <div
          class="peek-wrap"
          style={{ left: `${Math.max(8, Math.min(peek.x, window.innerWidth - 380))}px`, top: `${Math.max(8, Math.min(peek.y + 12, window.innerHeight - 260))}px` }}
          onMouseEnter={() => props.onPeekHover(true)}
          onMouseLeave={() => props.onPeekHover(false)}
          onPointerDown={props.onPin}
          onFocusIn={props.onPin}
        >
          <LessonPeek
            key={peek.lesson.id}
            lesson={peek.lesson}
            suggestions={props.suggestions}
            onSave={(patch) => props.onSave(peek.lesson, patch)}
            onDelete={() => props.onDelete(peek.lesson)}
            onOpen={() => props.onOpen(peek.lesson)}
            onClose={props.onClosePeek}
          />
        </div>
      )}
      <div class="corner">
        {toast && (
          <Toast
            message={toast.message}
            actionLabel={toast.undo ? 'Undo' : undefined}
            onAction={toast.undo}
            onClose={props.onCloseToast}
          />
        )}
        <NotFoundList lessons={notFound} onOpen={props.onOpen} />
      </div>
    </>
  );
}
