import { describe, expect, it } from 'vitest';
import { tagPatches } from './bulk';

describe('bulk tagging', () => {
  const rows = [
    { id: 'a', tags: ['db'] },
    { id: 'b', tags: ['db'] },
    { id: 'c', tags: [] },
    { id: 'd', tags: ['incident', 'db'] },
  ];

  it('adds a tag with one patch per resulting tag set, skipping lessons that have it', () => {
    expect(tagPatches(rows, 'incident', 'add')).toEqual([
      { ids: ['a', 'b'], tags: ['db', 'incident'] },
      { ids: ['c'], tags: ['incident'] },
    ]);
  });

  it('removes a tag only from lessons that carry it', () => {
    expect(tagPatches(rows, 'db', 'remove')).toEqual([
      { ids: ['a', 'b'], tags: [] },
      { ids: ['d'], tags: ['incident'] },
    ]);
    expect(tagPatches(rows, 'nope', 'remove')).toEqual([]);
  });
});
