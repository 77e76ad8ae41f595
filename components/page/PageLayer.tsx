import type { Lesson, LessonPatch } from '@/lib/lesson';
import { Placed } from '../Placed';
import { Toast } from '../Toast';
import { LessonPeek } from './LessonPeek';
import { NotFoundList } from './NotFoundList';
import { t } from '@/lib/i18n';

export interface PageLayerState {
  /** `pinned`: opened by a click or used since; it no longer hides when the pointer leaves. */
  peek: { lesson: Lesson; x: number; y: number; pinned: boolean } | null;
  notFound: Lesson[];
  toast: { message: string; undo?: () => void } | null;
}

export interface PageLayerProps extends PageLayerState {
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
export function PageLayer(props: PageLayerProps) {
  const { peek, notFound, toast } = props;
  return (
    <>
      {peek && (
        <Placed
          class="peek-wrap"
          target={{ left: peek.x, top: peek.y - 8, width: 0, height: 16 }}
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
        </Placed>
      )}
      <div class="corner">
        {toast && (
          <Toast
            message={toast.message}
            actionLabel={toast.undo ? t('common.undo') : undefined}
            onAction={toast.undo}
            onClose={props.onCloseToast}
          />
        )}
        <NotFoundList lessons={notFound} onOpen={props.onOpen} />
      </div>
    </>
  );
}
