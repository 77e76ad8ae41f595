import { useCallback, useRef, useState } from 'preact/hooks';

export type Tone = 'ok' | 'error';

/** Shows a short message in the page's toast, with an optional action (Undo). */
export type Notify = (message: string, tone?: Tone, action?: { label: string; run: () => void }) => void;

export interface ToastState {
  /** New for every message, so the same words said twice are shown (and timed) again. */
  key: number;
  message: string;
  tone: Tone;
  actionLabel?: string;
  onAction?: () => void;
}

/** The one toast of the page: a new message replaces the one shown. */
export function useToast(): { toast: ToastState | null; notify: Notify; dismiss: () => void } {
  const [toast, setToast] = useState<ToastState | null>(null);
  const count = useRef(0);
  const notify = useCallback<Notify>((message, tone = 'ok', action) => {
    setToast({ key: ++count.current, message, tone, actionLabel: action?.label, onAction: action?.run });
  }, []);
  const dismiss = useCallback(() => setToast(null), []);
  return { toast, notify, dismiss };
}
