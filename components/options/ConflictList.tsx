import type { SyncConflictRow } from '@/lib/db/database';
import type { OptionsEnv } from './env';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { formatMoment, t } from '@/lib/i18n';

const show = (value: unknown): string => {
  if (value === null || value === undefined) return t('options.noneParen');
  if (typeof value === 'string') return value || t('options.emptyParen');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || t('options.noneParen');
  return JSON.stringify(value);
};

function describe(row: SyncConflictRow) {
  if (row.status === 'deleted') return t('options.conflictDeleted');
  return t('options.conflictSame');
}

/** Conflicts the endpoint reported: what the team kept and what this device had, until dismissed. */
export function ConflictList({ env }: { env: OptionsEnv }) {
  const live = useLiveQuery(() => env.db.syncConflicts.orderBy('seq').reverse().toArray(), []);
  if (live.state !== 'ready') return null;
  const rows = live.value;
  return (
    <section class="panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{t('options.conflicts')}</h2>
      {rows.length === 0 ? (
        <p class="empty">{t('options.noConflicts')}</p>
      ) : (
        <>
          <ul class="conflicts">
            {rows.map((row) => (
              <li key={row.seq} class="conflict">
                <p>
                  <a href={`${env.libraryUrl}?lesson=${encodeURIComponent(row.id)}`}>{row.title}</a> <span class="hint">{formatMoment(new Date(row.at))}</span>
                </p>
                <p class="hint">{describe(row)}</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('options.field')}</th>
                      <th scope="col">{t('options.teamKept')}</th>
                      <th scope="col">{t('options.yours')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {row.conflicts.map((c, i) => (
                      <tr key={i}>
                        <td>{c.field === '*' ? t('options.wholeLesson') : c.field}</td>
                        <td>{c.winner === 'merged' ? t('options.merged', { team: show(c.server), yours: show(c.client) }) : c.winner === 'delete' ? t('options.deleted') : show(c.server)}</td>
                        <td>{show(c.client)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" onClick={() => void env.dismissConflicts([row.seq!])}>{t('common.dismiss')}</button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void env.dismissConflicts(rows.map((r) => r.seq!))}>{t('options.dismissAll')}</button>
        </>
      )}
    </section>
  );
}
