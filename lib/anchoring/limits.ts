/**
 * Copies of CONTEXT_CHARS and MAX_QUOTE from lib/lesson.ts. Importing a value from lesson.ts
 * would pull zod (about 100 KB gzipped) into the always-injected content script;
 * limits.test.ts keeps the copies equal to the originals.
 */
export const CONTEXT_CHARS = 32;
export const MAX_QUOTE = 20_000;
