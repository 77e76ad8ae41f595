import type { LessonDb } from '@/lib/db/database';
import type { Settings } from '@/lib/settings';
import type { SettingsChange } from '@/lib/platform/settings-storage';
import type { ConnectionResult } from '@/lib/sync/connection';
import type { SyncReport } from '@/lib/sync/engine';
import type { Endpoint } from '@/lib/sync/http';

/** Everything the options page needs from the extension, injected so the components stay testable. */
export interface OptionsEnv {
  db: LessonDb;
  loadSettings(): Promise<Settings>;
  /** A typed `token` is kept apart from the settings, which content scripts can read. */
  saveSettings(change: SettingsChange): Promise<Settings>;
  testConnection(target: Endpoint): Promise<ConnectionResult>;
  syncNow(): Promise<SyncReport>;
  dismissConflicts(seqs: number[]): Promise<void>;
  /** Asks the browser for access to an origin pattern; must run inside the click that asked. */
  grantHost(pattern: string): Promise<boolean>;
  revokeHost(pattern: string): Promise<void>;
  libraryUrl: string;
  now(): Date;
}
