import { anchorLessons } from './anchor-lessons';

/**
 * The name under which a bench build's page layer keeps, on its isolated world's global object
 * (which the page can't read), the milliseconds spent inside `anchorLessons` so far.
 * `bench/pageload.bench.ts` reads it over the DevTools protocol after a load, to leave the
 * anchoring out of the page layer's script time. Only a build made with LESSONMARK_BENCH=1 has
 * it (wxt.config.ts); test/packages.test.ts checks that no shipped package does.
 */
export const ANCHORING_MS = 'lessonmarkBenchAnchoringMs';

/** `anchorLessons`, adding the time each call takes to `target[ANCHORING_MS]`. */
export function timedAnchoring(target: Record<string, unknown>): typeof anchorLessons {
  target[ANCHORING_MS] = 0;
  return (doc, lessons) => {
    const start = performance.now();
    try {
      return anchorLessons(doc, lessons);
    } finally {
      (target[ANCHORING_MS] as number) += performance.now() - start;
    }
  };
}
