import { useState } from 'preact/hooks';
import type { Settings } from '@/lib/settings';
import { pendingCount } from '@/lib/sync/outbox';
import { readStatus } from '@/lib/sync/state';
import type { OptionsEnv } from './env';
import { formatWhen, syncBlocker } from './hosts';
import { liveValue, useLiveQuery } from '../hooks/useLiveQuery';
import { useSaving } from '../hooks/useSaving';

/** Last sync, changes waiting, the last error, and "Sync now". */
export function SyncStatusPanel({ env, settings }: { env: OptionsEnv; settings: Settings }) {
  const status = liveValue(useLiveQuery(() => readStatus(env.db), []));
  const pending = liveValue(useLiveQuery(() => pendingCount(env.db), []));
  const { saving: busy, error, save } = useSaving((why) => `Sync failed: ${why}`);
  const [message, setMessage] = useState<string | null>(null);
  const blocker = syncBlocker(settings);

  const syncNow = () =>
    save(async () => {
      setMessage(null);
      const report = await env.syncNow();
      setMessage(
        report.state === 'ok'
          ? `Synced: ${report.pushed} sent, ${report.pulled} received${report.conflicts ? `, ${report.conflicts} with conflicts` : ''}.`
          : report.state === 'off'
            ? 'Team sync is off: save an endpoint and a token first.'
            : (report.error ?? 'Sync failed.'),
      );
    });

  return (
    <section class="panel" aria-labelledby="status-title">
      <h2 id="status-title">Sync status</h2>
      {blocker && <p class="hint">Not connected: lessons stay on this device until you save an endpoint and a token.</p>}
      <dl class="facts">
        <dt>Last sync</dt>
        <dd data-testid="last-sync">{formatWhen(status?.lastSyncAt, env.now())}</dd>
        <dt>Changes waiting</dt>
        <dd data-testid="pending">{pending ?? '…'}</dd>
        <dt>Last error</dt>
        <dd data-testid="last-error" class={status?.lastError ? 'error' : ''}>{status?.lastError ?? 'none'}</dd>
      </dl>
      {!!status?.blocked.length && (
        <div class="note">
          <p>{status.blocked.length} lesson(s) cannot be shared and stay waiting:</p>
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
          {busy ? 'Syncing…' : 'Sync now'}
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
