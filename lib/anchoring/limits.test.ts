import { expect, it } from 'vitest';
import * as lesson from '../lesson';
import { CONTEXT_CHARS, MAX_QUOTE } from './limits';

it('matches the limits of the lesson schema', () => {
  expect(CONTEXT_CHARS).toBe(lesson.CONTEXT_CHARS);
  expect(MAX_QUOTE).toBe(lesson.MAX_QUOTE);
});
