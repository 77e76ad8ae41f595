import { anchorLessons } from './anchor-lessons';

/**
 * The name of the function each anchoring runs in, in a page layer built with LESSONMARK_BENCH=1
 * (wxt.config.ts), as Chrome's trace shows it: `bench/pageload.bench.ts` takes the anchoring's
 * time from the trace's `FunctionCall` events of that name, to leave it out of the page layer's
 * script time. test/packages.test.ts checks that no shipped package has it.
 */
export const ANCHORING_CALL = 'lessonmarkBenchAnchoring';

/**
 * `anchorLessons`, called through a synchronous event on a detached target, so that the browser
 * calls it: the trace then records each anchoring as a `FunctionCall` of its own, with its wall
 * and thread time.
 */
export function tracedAnchoring(): typeof anchorLessons {
  const events = new EventTarget();
  return (doc, lessons) => {
    let report: ReturnType<typeof anchorLessons> | undefined;
    let failure: unknown;
    // A method named in the source (ANCHORING_CALL), so that minifying keeps the name the trace shows.
    const call = {
      lessonmarkBenchAnchoring() {
        try {
          report = anchorLessons(doc, lessons);
        } catch (e) {
          failure = e;
        }
      },
    };
    events.addEventListener('anchor', call.lessonmarkBenchAnchoring, { once: true });
    events.dispatchEvent(new Event('anchor'));
    if (!report) throw failure;
    return report;
  };
}
