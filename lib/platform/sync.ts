import { browser } from 'wxt/browser';
import type { LessonDb } from '../db/database';
import { SETTLE_MS, SyncEngine, type SyncReport } from '../sync/engine';
import { readToken } from '../sync/state';
import { getSettings, settingsItem } from './settings-storage';
import { announceChange } from './tabs';

const ALARM = 'lessonmark-sync';
/** Retries sooner than the alarm only while the worker is awake; the alarm covers the rest. */
const MAX_TIMER_MS = 60_000;

export interface SyncWiring {
  /** Call after every lesson write: pushes once the settle delay has passed. */
  afterWrite(): void;
  syncNow(force: boolean): Promise<SyncReport>;
  dismissConflicts(seqs: number[]): Promise<void>;
}

/**
 * Drives the sync engine from the background worker. The MV3 worker sleeps after 30 s idle, so
 * nothing here relies on staying alive: a one-minute alarm pulls and pushes, writes schedule a
 * push a little after they settle, and every bit of progress is in IndexedDB. The team's event
 * stream is followed by open extension pages instead (see sync-stream.ts).
 */
export function initSync(db: LessonDb, ready: Promise<unknown> = Promise.resolve()): SyncWiring {
  const engine = new SyncEngine({
    db,
    fetch: (url, init) => fetch(url, init),
    target: async () => {
      await ready.catch(() => null);
      const s = await getSettings();
      return { endpoint: s.endpoint, token: await readToken(db) };
    },
    shareRules: async () => ({ personalStops: (await getSettings()).personalDataStops }),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(false), ms);
  };
  const run = async (force: boolean) => {
    const report = await engine.sync({ force });
    // Teammates' lessons (or a reset's removals) may concern open tabs: let them repaint.
    if (report.pulled || report.removed) void announceChange('all');
    const wait = report.status.nextAttemptAt - Date.now();
    if (report.state === 'error' && wait > 0 && wait < MAX_TIMER_MS) later(wait);
    return report;
  };

  void browser.alarms.get(ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run(false);
  });
  settingsItem.watch((next, prev) => {
    if (next?.endpoint !== prev?.endpoint || next?.tokenSavedAt !== prev?.tokenSavedAt) void run(true);
  });
  void run(false);

  return {
    afterWrite: () => later(SETTLE_MS + 250),
    syncNow: (force) => run(force),
    dismissConflicts: async (seqs) => {
      await db.syncConflicts.bulkDelete(seqs);
    },
  };
}
