import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import { errorText } from '@/lib/error-text';
import { useSaving } from '../hooks/useSaving';
import { t } from '@/lib/i18n';

interface Props {
  /** Saves the question; may wait for the page to be read and the services to load. */
  ask: (text: string) => Promise<Lesson>;
  undo: (lesson: Lesson) => Promise<unknown>;
  /** The tab cannot be read (browser pages, stores): nothing to ask about. */
  unreadable: boolean;
}

type Status = { at: 'idle' } | { at: 'asked'; lesson: Lesson } | { at: 'undone' };

export const WHY_READY_MARK = 'lessonmark:why-ready';

/**
 * The one-line "Why…?" box, focused the moment the popup opens. Enter saves the question as an
 * open question on the page; typing may start before the page has been read. It imports no
 * runtime code beyond Preact, so it renders before the database and schemas have loaded.
 */
export function WhyBox({ ask, undo, unreadable }: Props) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>({ at: 'idle' });
  const { saving, error, setError, save } = useSaving((why) => t('popup.askFailed', { error: why }));
  const input = useRef<HTMLInputElement>(null);

  // Layout effect: focus before the first paint, so the first keystroke lands in the box.
  useLayoutEffect(() => {
    input.current?.focus();
    performance.mark(WHY_READY_MARK);
  }, []);

  const submit = async () => {
    const question = text.trim();
    if (!question || saving) return;
    await save(async () => {
      const lesson = await ask(question);
      setText('');
      setStatus({ at: 'asked', lesson });
    });
    input.current?.focus();
  };

  const takeBack = async (lesson: Lesson) => {
    try {
      await undo(lesson);
      setText(lesson.question?.text ?? lesson.title);
      setError('');
      setStatus({ at: 'undone' });
    } catch (e) {
      setError(t('popup.undoFailed', { error: errorText(e) }));
    }
    input.current?.focus();
  };

  return (
    <section class="why">
      <label class="why-label" for="why">
        {t('popup.askWhy')}
      </label>
      <input
        id="why"
        ref={input}
        class="why-input"
        autofocus
        autocomplete="off"
        placeholder={t('popup.whyPlaceholder')}
        value={text}
        disabled={unreadable}
        aria-describedby="why-status"
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <p id="why-status" class={`why-status${error ? ' error' : ''}`} role="status" aria-live="polite">
        {unreadable
          ? t('popup.unreadable')
          : error ||
            (status.at === 'asked' ? (
              <>
                {t('popup.asked')}{' '}
                <button type="button" class="link" onClick={() => void takeBack(status.lesson)}>
                  {t('common.undo')}
                </button>
              </>
            ) : status.at === 'undone' ? (
              t('popup.questionRemoved')
            ) : (
              t('popup.whyHint')
            ))}
      </p>
    </section>
  );
}
