// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { renderHook } from '@/test/support/render-hook';
import { until } from '@/test/support/until';
import { EMPTY_FILTERS } from '@/lib/library/filters';
import { useUrlState } from './useUrlState';

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

  it('writes every change back in place, without adding history entries', () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    const entries = history.length;
    act(() => h.result().setFilters({ ...EMPTY_FILTERS, q: 'deploy', tags: ['ci'] }));
    act(() => h.result().setView('transfer'));
    act(() => h.result().setOpenId('abc'));
    expect(Object.fromEntries(new URLSearchParams(location.search))).toEqual({ q: 'deploy', tag: 'ci', view: 'transfer', lesson: 'abc' });
    act(() => h.result().setView('lessons'));
    act(() => h.result().setOpenId(null));
    act(() => h.result().setFilters(EMPTY_FILTERS));
    expect(location.search).toBe('');
    expect(history.length).toBe(entries);
  });

  it('follows the URL on history navigation, filters included', async () => {
    const h = renderHook(useUrlState, root(), EMPTY_FILTERS);
    history.replaceState(null, '', '/library.html?q=flaky&view=digest&lesson=xyz');
    act(() => void dispatchEvent(new PopStateEvent('popstate')));
    expect(h.result()).toMatchObject({ view: 'digest', openId: 'xyz' });
    await until(() => h.result().filters.q === 'flaky');
  });
});
