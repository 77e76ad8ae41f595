import { anchorLessons } from './anchor-lessons';

/**
 * The name under which a bench build's page layer keeps, on its isolated world's global object
 * (which the page can't read), the milliseconds spent inside `anchorLessons` so far.
 * `bench/pageload.bench.ts` reads it over the DevTools protocol after a load. Only a build made
 * with LESSONMARK_BENCH=1 has it (wxt.config.ts); test/packages.test.ts checks that no shipped
 * package does.
 */
export const ANCHORING_MS = 'lessonmarkBenchAnchoringMs';
/**
 * The name of the function each anchoring runs in, as Chrome's trace shows it: the bench takes
 * the anchoring's thread time from the trace's `FunctionCall` events of that name, to leave it out
 * of the page layer's script time.
 */
export const ANCHORING_CALL = 'lessonmarkBenchAnchoring';

/**
 * `anchorLessons`, adding the time each call takes to `target[ANCHORING_MS]`, and called through a
 * synchronous event on a detached target, so that the browser calls it: the trace then records it
 * as a `FunctionCall` of its own, with its thread time (the wall time above also counts the
 * moments another process had the core).
 */
export function timedAnchoring(target: Record<string, unknown>): typeof anchorLessons {
  target[ANCHORING_MS] = 0;
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
    const start = performance.now();
    events.dispatchEvent(new Event('anchor'));
    (target[ANCHORING_MS] as number) += performance.now() - start;
    if (!report) throw failure;
    return report;
  };
}
