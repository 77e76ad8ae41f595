import type { SyncConflictRow } from '@/lib/db/database';
import type { OptionsEnv } from './env';
import { useLiveQuery } from '../hooks/useLiveQuery';

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value || '(empty)';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || '(none)';
  return JSON.stringify(value);
};

function describe(row: SyncConflictRow) {
  if (row.status === 'deleted') return 'A teammate deleted this lesson; your edit was not applied.';
  return 'You and a teammate changed the same fields.';
}

/** Conflicts the endpoint reported: what the team kept and what this device had, until dismissed. */
export function ConflictList({ env }: { env: OptionsEnv }) {
  const live = useLiveQuery(() => env.db.syncConflicts.orderBy('seq').reverse().toArray(), []);
  if (live.state !== 'ready') return null;
  const rows = live.value;
  return (
    <section class="panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Sync conflicts</h2>
      {rows.length === 0 ? (
        <p class="empty">No conflicts. When you and a teammate change the same field, the first change to reach the team wins and yours is kept here.</p>
      ) : (
        <>
          <ul class="conflicts">
            {rows.map((row) => (
              <li key={row.seq} class="conflict">
                <p>
                  <a href={`${env.libraryUrl}?lesson=${encodeURIComponent(row.id)}`}>{row.title}</a> <span class="hint">{new Date(row.at).toLocaleString()}</span>
                </p>
                <p class="hint">{describe(row)}</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Team kept</th>
                      <th scope="col">Yours</th>
                    </tr>
                  </thead>
                  <tbody>
                    {row.conflicts.map((c, i) => (
                      <tr key={i}>
                        <td>{c.field === '*' ? 'whole lesson' : c.field}</td>
                        <td>{c.winner === 'merged' ? `merged: ${show(c.server)} + ${show(c.client)}` : c.winner === 'delete' ? 'deleted' : show(c.server)}</td>
                        <td>{show(c.client)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" onClick={() => void env.dismissConflicts([row.seq!])}>Dismiss</button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void env.dismissConflicts(rows.map((r) => r.seq!))}>Dismiss all</button>
        </>
      )}
    </section>
  );
}
