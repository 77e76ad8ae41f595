import { anchorLessons } from './anchor-lessons';

/**
 * The name under which a bench build's page layer puts `anchorLessons` on its isolated world's
 * global object, which the page can't read. `bench/pageload.bench.ts` looks the function up there
 * over the DevTools protocol to tell, in a CPU profile of a page load, the anchoring's samples
 * from the rest of the extension's. Only a build made with LESSONMARK_BENCH=1 has it (wxt.config.ts);
 * test/packages.test.ts checks that no shipped package does.
 */
export const ANCHORING_FN = 'lessonmarkBenchAnchoring';

export function exposeAnchoring(target: object): void {
  Object.defineProperty(target, ANCHORING_FN, { value: anchorLessons, configurable: true });
}
