import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  // One browser profile per test, each loading the built extension: two at once fit two cores.
  workers: 2,
  fullyParallel: true,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  // Separate result folders let several builds be tested at once (see LESSONMARK_OUT_DIR).
  outputDir: `test-results/${process.env.LESSONMARK_OUT_DIR ?? '.output'}`,
  use: { trace: 'off' },
});
