import { describe, expect, it } from 'vitest';
import { placeNear } from './place';

const view = { width: 1280, height: 800 };
const card = { width: 460, height: 380 };

describe('placeNear', () => {
  it('puts the box just below the target, left-aligned with it', () => {
    expect(placeNear({ left: 200, top: 100, width: 300, height: 40 }, card, view)).toEqual({ left: 200, top: 148, side: 'below' });
  });

  it('flips above the target near the bottom edge', () => {
    const p = placeNear({ left: 200, top: 600, width: 300, height: 40 }, card, view);
    expect(p).toEqual({ left: 200, top: 600 - 8 - 380, side: 'above' });
  });

  it('shifts left to stay inside the viewport at the right edge', () => {
    expect(placeNear({ left: 1100, top: 100, width: 150, height: 20 }, card, view).left).toBe(1280 - 460 - 8);
  });

  it('keeps the box on screen on the roomier side when it fits neither above nor below', () => {
    const p = placeNear({ left: 10, top: 300, width: 100, height: 20 }, { width: 460, height: 600 }, view);
    expect(p.side).toBe('below');
    expect(p.top).toBe(800 - 600 - 8);
    const q = placeNear({ left: 10, top: 500, width: 100, height: 20 }, { width: 460, height: 600 }, view);
    expect(q.side).toBe('above');
    expect(q.top).toBeGreaterThanOrEqual(8);
  });

  it('pins a box taller or wider than the viewport to the top-left margin', () => {
    expect(placeNear({ left: 300, top: 300, width: 10, height: 10 }, { width: 2000, height: 2000 }, view)).toMatchObject({ left: 8, top: 8 });
  });

  it('centres the box near the top with no target', () => {
    expect(placeNear(null, card, view)).toEqual({ left: (1280 - 460) / 2, top: 96, side: 'centre' });
  });

  it('never leaves the viewport for a target scrolled out of view', () => {
    for (const top of [-500, -20, 790, 2000]) {
      const p = placeNear({ left: -50, top, width: 200, height: 20 }, card, view);
      expect(p.left).toBeGreaterThanOrEqual(8);
      expect(p.top).toBeGreaterThanOrEqual(8);
      expect(p.top + card.height).toBeLessThanOrEqual(800 - 8);
    }
  });
});
