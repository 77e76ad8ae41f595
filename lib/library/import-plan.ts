import type { Lesson } from '../lesson';
import type { ExistingVersions, ImportPreview } from '../import/preview';

/**
 * What the import preview compares against. A lesson that was deleted here (a tombstone) counts as
 * absent, so importing a backup brings it back instead of calling it "unchanged".
 */
export function importBaseline(stored: ReadonlyMap<string, string>, isLive: (id: string) => boolean): ExistingVersions {
  return (id) => (isLive(id) ? stored.get(id) : undefined);
}

/**
 * The lessons to write for a previewed import. A lesson that replaces a tombstone is stamped with
 * the time of the import: the revival is the newest change, so the sync engine and other devices
 * see it win over the deletion.
 */
export function lessonsToWrite(p: ImportPreview, stored: ReadonlyMap<string, string>, now = new Date()): Lesson[] {
  if (p.error) return [];
  const at = now.toISOString();
  return [
    ...p.toCreate.map((l) => (stored.has(l.id) && !l.deletedAt ? { ...l, updatedAt: at } : l)),
    ...p.toUpdate,
  ];
}

/** How many lessons of the preview's "new" ones bring back lessons deleted here. */
export function revivedCount(p: ImportPreview, stored: ReadonlyMap<string, string>): number {
  return p.toCreate.filter((l) => stored.has(l.id)).length;
}
