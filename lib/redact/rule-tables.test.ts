import { describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => ({ keywordSets: 0 }));
vi.mock('./keywords', async (importOriginal) => {
  const { KeywordSet } = await importOriginal<typeof import('./keywords')>();
  return {
    KeywordSet: class extends KeywordSet {
      constructor(words: readonly string[]) {
        super(words);
        built.keywordSets++;
      }
    },
  };
});

import { findSensitive } from '.';

describe('the rule tables', () => {
  it('are built at the first search, once, not as the module loads (the background worker loads it on every wake)', () => {
    expect(built.keywordSets).toBe(0);
    expect(findSensitive('aws key AKIAZ2X7QK4M5N6P7R3S in the log').map((f) => f.kind)).toEqual(['aws-access-key']);
    const once = built.keywordSets;
    expect(once).toBeGreaterThan(0);
    findSensitive('mail me at someone@example.com');
    expect(built.keywordSets).toBe(once);
  });
});
