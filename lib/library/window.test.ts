import { describe, expect, it } from 'vitest';
import { moveActive, pageRows, scrollToShow, windowSlice } from './window';

describe('windowing', () => {
  it('draws only the rows in view plus a few either side', () => {
    expect(windowSlice(0, 400, 40, 100_000, 5)).toEqual({ start: 0, end: 16, top: 0, height: 4_000_000 });
    expect(windowSlice(4000, 400, 40, 100_000, 5)).toEqual({ start: 95, end: 116, top: 3800, height: 4_000_000 });
  });

  it('never runs past either end of the list', () => {
    expect(windowSlice(10_000, 400, 40, 20, 5)).toEqual({ start: 5, end: 20, top: 200, height: 800 });
    expect(windowSlice(-50, 400, 40, 3, 5)).toEqual({ start: 0, end: 3, top: 0, height: 120 });
    expect(windowSlice(0, 400, 40, 0)).toEqual({ start: 0, end: 0, top: 0, height: 0 });
  });

  it('scrolls just enough to show a row', () => {
    expect(scrollToShow(5, 0, 400, 40)).toBe(0);
    expect(scrollToShow(10, 0, 400, 40)).toBe(40);
    expect(scrollToShow(2, 200, 400, 40)).toBe(80);
  });

  it('moves the active row and clamps it', () => {
    expect(moveActive(-1, 1, 10)).toBe(0);
    expect(moveActive(-1, -1, 10)).toBe(9);
    expect(moveActive(8, 5, 10)).toBe(9);
    expect(moveActive(2, -5, 10)).toBe(0);
    expect(moveActive(3, 1, 0)).toBe(-1);
    expect(pageRows(400, 40)).toBe(9);
  });
});
