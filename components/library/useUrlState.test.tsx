// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { renderHook } from '@/test/support/render-hook';
import { until } from '@/test/support/until';
import { EMPTY_FILTERS } from '@/lib/library/filters';
import { takePendingQuery } from '@/lib/library/pending-query';
import { URL_WRITE_DELAY_MS, useUrlState } from './useUrlState';

const root = testRoot();

beforeEach(() => history.replaceState(null, '', '/library.html'));

describe('useUrlState', () => {
  it('reads the view, week and open lesson from the URL', () => {
    history.replaceState(null, '', '/library.html?view=digest&week=2026-11-23&lesson=abc');
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    expect(h.result()).toMatchObject({ view: 'digest', week: '2026-11-23', openId: 'abc', filters: EMPTY_FILTERS });
  });

  it('takes an unknown view for the lessons', () => {
    history.replaceState(null, '', '/library.html?view=settings');
    expect(renderHook(useUrlState, root(), EMPTY_FILTERS).result().view).toBe('lessons');
  });

  it('writes every change back in place, without adding history entries', async () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    const entries = history.length;
    act(() => h.result().setFilters({ ...EMPTY_FILTERS, q: 'deploy', tags: ['ci'] }));
    act(() => h.result().setView('transfer'));
    act(() => h.result().setOpenId('abc'));
    expect(Object.fromEntries(new URLSearchParams(location.search))).toEqual({ q: 'deploy', tag: 'ci', view: 'transfer', lesson: 'abc' });
    act(() => h.result().setView('lessons'));
    act(() => h.result().setOpenId(null));
    act(() => h.result().setFilters(EMPTY_FILTERS));
    await until(() => location.search === '');
    expect(history.length).toBe(entries);
  });

  it('writes the filters typed once they settle, in one write, off the keystroke', async () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    await new Promise((r) => setTimeout(r, URL_WRITE_DELAY_MS + 50));
    const write = vi.spyOn(history, 'replaceState');
    try {
      for (const q of ['s', 'so', 'soc', 'sock']) act(() => h.result().setFilters({ ...EMPTY_FILTERS, q }));
      expect(write).not.toHaveBeenCalled();
      await until(() => location.search === '?q=sock');
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
  });

  it('writes pending filters before the page is left, and before the open lesson', () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    act(() => h.result().setFilters({ ...EMPTY_FILTERS, q: 'flaky' }));
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(location.search).toBe('?q=flaky');
    act(() => h.result().setFilters({ ...EMPTY_FILTERS, q: 'deploy' }));
    act(() => h.result().setOpenId('abc'));
    expect(location.search).toBe('?q=deploy&lesson=abc');
  });

  it('notes filters typed for a reload (which opens the URL as it was) until they are written', async () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    act(() => h.result().setFilters({ ...EMPTY_FILTERS, q: 'flaky' }));
    // Leaving writes them, but a reload has already taken the URL: the note stays for it.
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(takePendingQuery(sessionStorage, '')).toBe('?q=flaky');
    act(() => h.result().setFilters({ ...EMPTY_FILTERS, q: 'deploy' }));
    await until(() => location.search === '?q=deploy');
    expect(takePendingQuery(sessionStorage, '?q=flaky')).toBeNull();
  });

  it('follows the URL on history navigation, filters included', async () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    history.replaceState(null, '', '/library.html?q=flaky&view=digest&lesson=xyz');
    act(() => void dispatchEvent(new PopStateEvent('popstate')));
    expect(h.result()).toMatchObject({ view: 'digest', openId: 'xyz' });
    await until(() => h.result().filters.q === 'flaky');
  });
});
