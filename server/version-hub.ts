import type pg from 'pg';
import { NOTIFY_CHANNEL } from './sync-store';

type Listener = (version: number) => void;

/**
 * Tells the stream clients of a team that its version moved. Pushes on this instance publish
 * directly; on PostgreSQL, pushes on other instances arrive through LISTEN/NOTIFY.
 */
export class VersionHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly latest = new Map<string, number>();
  private pgClient?: pg.PoolClient;
  private retry?: ReturnType<typeof setTimeout>;

  subscribe(teamId: string, listener: Listener): () => void {
    let set = this.listeners.get(teamId);
    if (!set) this.listeners.set(teamId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  publish(teamId: string, version: number): void {
    if (version <= (this.latest.get(teamId) ?? 0)) return;
    this.latest.set(teamId, version);
    for (const listener of this.listeners.get(teamId) ?? []) listener(version);
  }

  /** Keeps one pooled connection LISTENing; reconnects after a second if it drops. */
  async listen(pool: pg.Pool, onError: (error: unknown) => void): Promise<void> {
    const client = await pool.connect();
    client.on('notification', (message) => {
      const [teamId, version] = (message.payload ?? '').split(':');
      if (teamId && version) this.publish(teamId, Number(version));
    });
    client.on('error', (error) => {
      onError(error);
      if (this.pgClient !== client) return;
      this.pgClient = undefined;
      client.release(error);
      this.retry = setTimeout(() => void this.listen(pool, onError).catch(onError), 1000);
    });
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.pgClient = client;
  }

  close(): void {
    clearTimeout(this.retry);
    this.pgClient?.release();
    this.pgClient = undefined;
    this.listeners.clear();
  }
}
