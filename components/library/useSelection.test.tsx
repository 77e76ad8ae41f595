// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { renderHook } from '@/test/support/render-hook';
import { listOf, type ShownList } from '@/lib/library/shown';
import { useSelection, type Selection } from './useSelection';

const root = testRoot();
const rows = listOf(['a', 'b', 'c', 'd', 'e']);
/** The hook as the page calls it: no rows until they are read. */
const select = () => renderHook<ShownList | null, Selection>(useSelection, root(), rows);
const ids = (s: ReadonlySet<string>) => [...s].sort();

describe('useSelection', () => {
  it('toggles one row at a time', () => {
    const h = select();
    act(() => h.result().toggle('b'));
    act(() => h.result().toggle('d'));
    expect(ids(h.result().selected)).toEqual(['b', 'd']);
    act(() => h.result().toggle('b'));
    expect(ids(h.result().selected)).toEqual(['d']);
  });

  it('selects the range from the active row to the one Shift-clicked, either way', () => {
    const h = select();
    act(() => h.result().setActiveId('d'));
    expect(h.result().activeIndex).toBe(3);
    act(() => h.result().toggle('b', true));
    expect(ids(h.result().selected)).toEqual(['b', 'c', 'd']);
    act(() => h.result().setActiveId('c'));
    act(() => h.result().toggle('e', true));
    expect(ids(h.result().selected)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('toggles one row when none is active, even with Shift', () => {
    const h = select();
    act(() => h.result().toggle('c', true));
    expect(ids(h.result().selected)).toEqual(['c']);
  });

  it('selects every row shown, then none; clear empties it', () => {
    const h = select();
    act(() => h.result().toggle('a'));
    act(() => h.result().toggleAll());
    expect(h.result().selected.size).toBe(5);
    act(() => h.result().toggleAll());
    expect(h.result().selected.size).toBe(0);
    act(() => h.result().toggle('e'));
    act(() => h.result().clear());
    expect(h.result().selected.size).toBe(0);
  });

  it('loses the active place when the active row is filtered out, and selects nothing before rows are read', () => {
    const h = select();
    act(() => h.result().setActiveId('e'));
    h.rerender(listOf(['a', 'b']));
    expect(h.result().activeIndex).toBe(-1);
    h.rerender(null);
    act(() => h.result().toggleAll());
    expect(h.result().selected.size).toBe(0);
  });
});
