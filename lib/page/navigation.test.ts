// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from './navigation';

/** The window with a Navigation API object (happy-dom has none), or without one. */
function withNavigation(nav: EventTarget | undefined): Window {
  Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
  return window;
}

afterEach(() => {
  delete (window as { navigation?: unknown }).navigation;
  vi.restoreAllMocks();
});

describe('watchNavigation', () => {
  it('hears a pushState through the Navigation API, with no timer running', () => {
    const nav = new EventTarget();
    const win = withNavigation(nav);
    const interval = vi.spyOn(win, 'setInterval');
    const heard: string[] = [];
    const stop = watchNavigation(win, (url) => heard.push(url));
    expect(interval).not.toHaveBeenCalled();

    history.pushState(null, '', '/issues/2');
    nav.dispatchEvent(new Event('currententrychange'));
    expect(heard).toEqual([location.href]);
    expect(location.pathname).toBe('/issues/2');

    stop();
    history.pushState(null, '', '/issues/3');
    nav.dispatchEvent(new Event('currententrychange'));
    expect(heard).toHaveLength(1);
  });

  it('polls the URL where the Navigation API is missing', () => {
    vi.useFakeTimers();
    try {
      const win = withNavigation(undefined);
      const heard: string[] = [];
      const stop = watchNavigation(win, (url) => heard.push(url));
      history.pushState(null, '', '/issues/4');
      vi.advanceTimersByTime(1000);
      expect(heard).toEqual([location.href]);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
