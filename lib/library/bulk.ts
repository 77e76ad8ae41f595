import { normalizeTags } from '../lesson';

/**
 * Groups lessons by the tags they would have after adding or removing one tag. `updateLessons`
 * applies one patch to many lessons, so lessons that end up with the same tags share a patch;
 * lessons the change does not touch are left out.
 */
export function tagPatches(
  rows: readonly { id: string; tags: readonly string[] }[],
  tag: string,
  mode: 'add' | 'remove',
): { ids: string[]; tags: string[] }[] {
  const groups = new Map<string, { ids: string[]; tags: string[] }>();
  for (const r of rows) {
    const has = r.tags.includes(tag);
    if (has === (mode === 'add')) continue;
    const tags = mode === 'add' ? normalizeTags([...r.tags, tag]) : r.tags.filter((t) => t !== tag);
    const key = JSON.stringify(tags);
    const g = groups.get(key);
    if (g) g.ids.push(r.id);
    else groups.set(key, { ids: [r.id], tags });
  }
  return [...groups.values()];
}
