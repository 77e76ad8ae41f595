import { describe, expect, it, vi } from 'vitest';
import { makeLesson } from '../../test/support/library-lessons';
import type { PageLayerApi } from './layer-api';
import { linkLayer } from './layer-link';

const ANCHORED = makeLesson({ quote: 'checkout returned 502s', anchor: { root: 'body', quote: { exact: 'checkout returned 502s' } } });
const UNANCHORED = makeLesson({ quote: 'checkout returned 502s' });

function setUp() {
  let loaded: PageLayerApi | undefined;
  const layer = { show: vi.fn(), contentChanged: vi.fn(), flash: vi.fn(() => true), destroy: vi.fn() };
  const inject = vi.fn(async () => void (loaded = layer));
  let changed: (() => void) | null = null;
  const stopWatching = vi.fn();
  const watchContent = vi.fn((c: () => void) => ((changed = c), stopWatching));
  const link = linkLayer({ present: () => loaded, inject, watchContent });
  const settle = () => new Promise((resolve) => setTimeout(resolve));
  return { link, layer, inject, watchContent, stopWatching, settle, change: () => changed?.() };
}

describe('linkLayer', () => {
  it('neither loads the layer nor watches the content of a page without lessons to anchor', async () => {
    const { link, inject, watchContent, settle } = setUp();
    link.show('a', []);
    link.show('a', [UNANCHORED]);
    await settle();
    expect(inject).not.toHaveBeenCalled();
    expect(watchContent).not.toHaveBeenCalled();
    expect(link.flash('x')).toBe(false);
  });

  it('loads the layer for lessons to anchor, and only then watches the content, once, for the layer to repaint', async () => {
    const { link, layer, inject, watchContent, settle, change } = setUp();
    link.show('a', [ANCHORED]);
    await settle();
    expect(layer.show).toHaveBeenCalledWith('a', [ANCHORED]);
    expect(watchContent).toHaveBeenCalledTimes(1);
    change();
    expect(layer.contentChanged).toHaveBeenCalledTimes(1);
    // Once loaded, the layer hears of every change, an empty page after a soft navigation too.
    link.show('b', []);
    await settle();
    expect(layer.show).toHaveBeenLastCalledWith('b', []);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(watchContent).toHaveBeenCalledTimes(1);
    expect(link.flash('x')).toBe(true);
  });

  it('uses the layer the worker brought with the lessons, and asks for it only when it did not come', async () => {
    const brought = setUp();
    expect(brought.link.missing()).toBe(true);
    // The worker injected the layer before answering: nothing more to ask.
    await brought.inject();
    brought.inject.mockClear();
    expect(brought.link.missing()).toBe(false);
    brought.link.show('a', [ANCHORED]);
    await brought.settle();
    expect(brought.layer.show).toHaveBeenCalledWith('a', [ANCHORED]);
    expect(brought.inject).not.toHaveBeenCalled();

    // It did not come (the injection failed): the tab asks for it, and does not ask the worker to bring it again meanwhile.
    const failed = setUp();
    failed.link.show('a', [ANCHORED]);
    expect(failed.link.missing()).toBe(false);
    await failed.settle();
    expect(failed.inject).toHaveBeenCalledTimes(1);
    expect(failed.layer.show).toHaveBeenCalledWith('a', [ANCHORED]);
  });

  it('stops watching and takes the layer down when stopped', async () => {
    const { link, layer, stopWatching, settle } = setUp();
    link.show('a', [ANCHORED]);
    await settle();
    link.stop();
    expect(stopWatching).toHaveBeenCalledTimes(1);
    expect(layer.destroy).toHaveBeenCalledTimes(1);
  });
});
