// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { makeLesson } from '../../test/support/library-lessons';
import { anchorLessons } from './anchor-lessons';
import { ANCHORING_CALL, tracedAnchoring } from './bench-probe';

describe('tracedAnchoring', () => {
  it('anchors as anchorLessons does, in a function the trace names ANCHORING_CALL', () => {
    document.body.innerHTML = '<p>The checkout returned 502s under load.</p>';
    const lesson = makeLesson({ quote: 'checkout returned 502s', anchor: { root: 'body', quote: { exact: 'checkout returned 502s' } } });
    const names: string[] = [];
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean) {
      if (typeof listener === 'function') names.push(listener.name);
      return add.call(this, type, listener, options);
    };
    try {
      const anchor = tracedAnchoring();
      const report = anchor(document, [lesson]);
      expect(report.found.map((f) => f.range.toString())).toEqual(anchorLessons(document, [lesson]).found.map((f) => f.range.toString()));
      expect(report.found).toHaveLength(1);
    } finally {
      EventTarget.prototype.addEventListener = add;
    }
    expect(names).toEqual([ANCHORING_CALL]);
  });

  it('passes on what anchoring throws', () => {
    const anchor = tracedAnchoring();
    expect(() => anchor(null as unknown as Document, [makeLesson({ anchor: { root: 'body', quote: { exact: 'x' } } })])).toThrow();
  });
});
