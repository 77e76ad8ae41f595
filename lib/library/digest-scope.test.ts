import { describe, expect, it } from 'vitest';
import { openingWeek } from './digest-scope';

const at = (y: number, m: number, d: number, h = 10) => ({ created: new Date(y, m - 1, d, h).getTime() });
// Wednesday 2025-03-12; its week starts on Monday 2025-03-10.
const now = new Date(2025, 2, 12, 15);

describe('openingWeek', () => {
  it('is this week when this week has lessons', () => {
    expect(openingWeek([at(2025, 2, 1), at(2025, 3, 10, 0), at(2025, 3, 3)], now)).toBe('2025-03-10');
  });

  it('is the most recent week with lessons when this week has none', () => {
    expect(openingWeek([at(2025, 1, 6), at(2025, 2, 20), at(2025, 1, 30)], now)).toBe('2025-02-17');
    // Sunday late evening still belongs to the week before this one.
    expect(openingWeek([at(2025, 3, 9, 23)], now)).toBe('2025-03-03');
  });

  it('is this week with no lessons at all, and ignores lessons dated after it', () => {
    expect(openingWeek([], now)).toBe('2025-03-10');
    expect(openingWeek([at(2025, 4, 1), at(2025, 2, 25)], now)).toBe('2025-02-24');
  });
});
