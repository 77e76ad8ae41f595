import type { LessonDb } from '../db/database';
import type { Settings } from '../settings';
import { moveTokenOutOfSettings, readToken, writeToken } from '../sync/state';
import type { Endpoint } from '../sync/http';
import { settingsItem, updateSettings, type SettingsChange } from './settings-storage';

/** Saves the options page's change: a typed token goes to the database, the settings say when. */
export async function saveSettingsAndToken(db: LessonDb, change: SettingsChange, now = new Date()): Promise<Settings> {
  const { token, ...settings } = change;
  const typed = token?.trim();
  if (!typed) return updateSettings(settings);
  await writeToken(db, typed);
  return updateSettings({ ...settings, tokenSavedAt: now.toISOString() });
}

/** The target to test: the token typed in the form, else the one saved. */
export async function withSavedToken(db: LessonDb, target: Endpoint): Promise<Endpoint> {
  return target.token ? target : { ...target, token: await readToken(db) };
}

/** Run by the worker at start: versions before this one kept the token in the settings. */
export function moveTokenOnce(db: LessonDb): Promise<boolean> {
  return moveTokenOutOfSettings(
    db,
    { get: () => settingsItem.getValue(), set: (value) => settingsItem.setValue(value as Settings) },
    new Date(),
  );
}
