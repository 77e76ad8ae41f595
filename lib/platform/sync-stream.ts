import { openDb } from '../db/database';
import { sendMessage } from '../messaging';
import { backoffDelay } from '../sync/backoff';
import { readCursor, readToken } from '../sync/state';
import { followStream } from '../sync/stream';
import { getSettings, settingsItem } from './settings-storage';

/**
 * For extension pages (options, library, side panel): while the page is open, follow the team's
 * event stream and ask the background worker to sync whenever the team's version passes the one
 * pulled. The worker itself cannot hold a stream open (MV3 stops it when idle), so it relies on
 * its alarm; an open page makes teammates' lessons arrive within a second. Returns a stop.
 */
export function followTeamStream(): () => void {
  const db = openDb();
  let stopped = false;
  let connection: AbortController | undefined;
  let running = false;

  const onVersion = (endpoint: string) => (version: number) =>
    void readCursor(db).then((c) => {
      if (!c || c.endpoint !== endpoint || version > c.version) void sendMessage('syncNow', { force: false }).catch(() => null);
    });

  const loop = async () => {
    running = true;
    let failures = 0;
    while (!stopped) {
      const { endpoint } = await getSettings();
      const token = await readToken(db);
      if (!endpoint || !token) break;
      connection = new AbortController();
      const opened = Date.now();
      try {
        await followStream(fetch, { endpoint, token }, onVersion(endpoint), connection.signal);
      } catch {
        // Unreachable or refused: retry with backoff below; the alarm keeps syncing meanwhile.
      }
      if (stopped) break;
      failures = Date.now() - opened > 60_000 ? 1 : failures + 1;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures, Math.random)));
    }
    running = false;
  };

  // New endpoint or token: drop the old stream and follow the new one.
  const unwatch = settingsItem.watch(() => {
    connection?.abort();
    if (!running && !stopped) void loop();
  });
  void loop();
  return () => {
    stopped = true;
    unwatch();
    connection?.abort();
    db.close();
  };
}
