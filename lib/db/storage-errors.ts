import { t } from '../i18n';
/**
 * What a person is told when the browser's storage refuses a write. IndexedDB's own messages
 * ("QuotaExceededError", "UnknownError: Internal error") say nothing to someone saving a lesson;
 * every surface shows the error it gets, so the words are chosen once, here.
 */
export function explainStorageError(error: unknown): unknown {
  const name = (error as { name?: unknown } | null)?.name;
  const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new Error(t('storage.full'));
  }
  if (name === 'DatabaseClosedError' || name === 'UnknownError' || inner === 'UnknownError') {
    return new Error(t('storage.noAnswer'));
  }
  return error;
}
