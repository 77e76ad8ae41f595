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

export interface StreamCaps {
  perToken: number;
  perTeam: number;
}

interface OpenStream {
  tokenId: string;
  teamId: string;
  finish: () => void;
}

/**
 * The event streams open on this instance: capped per token and per team, and ended soon after
 * their token is revoked or expires (`stillValid` is asked about the open tokens every `checkMs`).
 */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly caps: StreamCaps,
    private readonly stillValid: (tokenIds: string[]) => Promise<Set<string>>,
    private readonly onError: (error: unknown) => void,
    private readonly checkMs = 1000,
  ) {}

  /** Registers a stream; undefined when a cap is reached (nothing registered). */
  add(tokenId: string, teamId: string, finish: () => void): (() => void) | undefined {
    let token = 0;
    let team = 0;
    for (const s of this.open) {
      if (s.tokenId === tokenId) token += 1;
      if (s.teamId === teamId) team += 1;
    }
    if (token >= this.caps.perToken || team >= this.caps.perTeam) return undefined;
    const entry = { tokenId, teamId, finish };
    this.open.add(entry);
    this.timer ??= setInterval(() => void this.sweep().catch(this.onError), this.checkMs);
    return () => {
      this.open.delete(entry);
      if (!this.open.size) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  closeAll(): void {
    for (const s of this.open) s.finish();
  }

  private async sweep(): Promise<void> {
    const ids = [...new Set([...this.open].map((s) => s.tokenId))];
    if (!ids.length) return;
    const valid = await this.stillValid(ids);
    for (const s of this.open) if (!valid.has(s.tokenId)) s.finish();
  }
}
