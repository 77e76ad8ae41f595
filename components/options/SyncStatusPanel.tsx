import { useState } from 'preact/hooks';
import type { Settings } from '@/lib/settings';
import { pendingCount } from '@/lib/sync/outbox';
import { readStatus } from '@/lib/sync/state';
import type { OptionsEnv } from './env';
import { formatWhen, syncBlocker } from './hosts';
import { liveValue, useLiveQuery } from '../hooks/useLiveQuery';
import { useSaving } from '../hooks/useSaving';
import { t } from '@/lib/i18n';

/** Last sync, changes waiting, the last error, and "Sync now". */
export function SyncStatusPanel({ env, settings }: { env: OptionsEnv; settings: Settings }) {
  const status = liveValue(useLiveQuery(() => readStatus(env.db), []));
  const pending = liveValue(useLiveQuery(() => pendingCount(env.db), []));
  const { saving: busy, error, save } = useSaving((why) => t('options.syncFailed', { error: why }));
  const [message, setMessage] = useState<string | null>(null);
  const blocker = syncBlocker(settings);

  const syncNow = () =>
    save(async () => {
      setMessage(null);
      const report = await env.syncNow();
      setMessage(
        report.state === 'ok'
          ? report.conflicts
            ? t('options.syncedConflicts', { sent: report.pushed, received: report.pulled, conflicts: report.conflicts })
            : t('options.synced', { sent: report.pushed, received: report.pulled })
          : report.state === 'off'
            ? t('options.syncOff')
            : (report.error ?? t('options.syncFailedPlain')),
      );
    });

  return (
    <section class="panel" aria-labelledby="status-title">
      <h2 id="status-title">{t('options.status')}</h2>
      {blocker && <p class="hint">{t('options.notConnected')}</p>}
      <dl class="facts">
        <dt>{t('options.lastSync')}</dt>
        <dd data-testid="last-sync">{formatWhen(status?.lastSyncAt, env.now())}</dd>
        <dt>{t('options.waiting')}</dt>
        <dd data-testid="pending">{pending ?? '…'}</dd>
        <dt>{t('options.lastError')}</dt>
        <dd data-testid="last-error" class={status?.lastError ? 'error' : ''}>{status?.lastError ?? t('options.none')}</dd>
      </dl>
      {!!status?.blocked.length && (
        <div class="note">
          <p>{t('options.blocked', status.blocked.length)}</p>
          <ul>
            {status.blocked.map((b) => (
              <li key={b.id}>
                <a href={`${env.libraryUrl}?lesson=${encodeURIComponent(b.id)}`}>{b.reason}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="buttons">
        <button type="button" class="primary" onClick={syncNow} disabled={busy || !!blocker} aria-describedby={blocker ? 'sync-blocker' : undefined}>
          {busy ? t('options.syncing') : t('options.syncNow')}
        </button>
        {blocker && (
          <span id="sync-blocker" class="hint">
            {blocker}
          </span>
        )}
      </div>
      <p role="status" class="result" data-testid="sync-result">{error || (message ?? '')}</p>
    </section>
  );
}
