// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { renderHook } from '@/test/support/render-hook';
import { useToast } from './useToast';

const root = testRoot();

describe('useToast', () => {
  it('shows the newest message, as new even when the words repeat, until dismissed', () => {
    const h = renderHook(useToast, root(), undefined);
    expect(h.result().toast).toBeNull();
    act(() => h.result().notify('Saved'));
    const first = h.result().toast!;
    expect(first).toMatchObject({ message: 'Saved', tone: 'ok' });
    act(() => h.result().notify('Saved'));
    expect(h.result().toast!.key).not.toBe(first.key);
    let undone = 0;
    act(() => h.result().notify('Deleted 1 lesson', 'ok', { label: 'Undo', run: () => void undone++ }));
    expect(h.result().toast).toMatchObject({ message: 'Deleted 1 lesson', actionLabel: 'Undo' });
    h.result().toast!.onAction!();
    expect(undone).toBe(1);
    act(() => h.result().notify('Could not delete: offline', 'error'));
    expect(h.result().toast).toMatchObject({ tone: 'error', actionLabel: undefined });
    act(() => h.result().dismiss());
    expect(h.result().toast).toBeNull();
  });
});
