import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  message: string;
  actionLabel?: string;
  onAction?: () => void;
  onClose: () => void;
  timeoutMs?: number;
  tone?: 'ok' | 'error';
}

/** A short confirmation with an optional action (Undo); it leaves by itself. */
export function Toast({ message, actionLabel, onAction, onClose, timeoutMs = 6000, tone = 'ok' }: Props) {
  useEffect(() => {
    const timer = setTimeout(onClose, timeoutMs);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div class={`toast toast-${tone}`} role="status" aria-live="polite">
      <span>{message}</span>
      {actionLabel && onAction && (
        <button type="button" class="toast-action" onClick={onAction}>
          {actionLabel}
        </button>
      )}
      <button type="button" class="toast-x" aria-label={t('common.dismiss')} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
