/**
 * How long the every-page script keeps listening. It stops when the extension it belongs to is
 * gone (updated, reloaded, removed): Chrome leaves such a script running in open tabs, cut off from
 * the extension, so its "Save as lesson" button could only fail. Nothing tells a script it was cut
 * off; it asks `connected` each time the page calls on it. WXT's content-script context was not
 * used for this: it announces each start with an event on the page's document, which any page
 * can listen for to learn that Lessonmark is installed.
 */
export interface Lifetime {
  /** Adds what to undo when the script stops. */
  add(stop: () => void): void;
  /** `fn`, run only while connected; the first call after that stops everything instead. */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  stop(): void;
}

export function createLifetime(connected: () => boolean): Lifetime {
  let stops: (() => void)[] = [];
  const stop = () => {
    const undo = stops;
    stops = [];
    for (const s of undo.reverse()) {
      try {
        s();
      } catch {
        // One failing undo must not keep the others from running.
      }
    }
  };
  let stopped = false;
  return {
    add(s) {
      if (stopped) s();
      else stops.push(s);
    },
    guard(fn) {
      return (...args) => {
        if (stopped) return;
        if (connected()) return fn(...args);
        stopped = true;
        stop();
      };
    },
    stop() {
      stopped = true;
      stop();
    },
  };
}
