import { useRef, useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';

export interface Saving {
  /** A save is under way: the form's Save button says so and waits. */
  saving: boolean;
  /** Why the last save failed, or what the form found missing; '' when nothing is wrong. */
  error: string;
  /** Shows the form's own finding (a required answer left blank), or '' to clear it. */
  setError: (text: string) => void;
  /**
   * Runs `write` unless a save is already under way. A failure is shown in the form's words
   * (`failed`) and everything typed stays; a second Enter never saves twice.
   */
  save: (write: () => Promise<unknown>) => Promise<void>;
}

interface Options {
  /**
   * The form goes away once saved (the card closes, the popup moves on): it stays "Saving…" until
   * then, so nothing can be sent again in between.
   */
  closes?: boolean;
}

/** The saving state and error line every form has, the same way in each. */
export function useSaving(failed: (reason: string) => string, { closes = false }: Options = {}): Saving {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  // The state is a render behind a key repeated within one frame; the ref is not.
  const running = useRef(false);

  const save = async (write: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setSaving(true);
    setError('');
    let ok = false;
    try {
      await write();
      ok = true;
    } catch (e) {
      setError(failed(errorText(e)));
    } finally {
      if (!ok || !closes) {
        running.current = false;
        setSaving(false);
      }
    }
  };

  return { saving, error, setError, save };
}
