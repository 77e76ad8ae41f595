import { describe, expect, it } from 'vitest';
import { matchRedacted } from './anchor';

const page = 'Setup. Export the token ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP before running the build. Done.';
const start = page.indexOf('Export');
const end = page.indexOf(' before') + ' before running'.length;

describe('matchRedacted', () => {
  it('finds a redacted quote at its stored position', () => {
    const m = matchRedacted(page, { exact: 'Export the token [redacted: GitHub token] before running', prefix: 'Setup. ', suffix: ' the build', hint: start });
    expect(m).toEqual({ start, end, score: 1 });
  });

  it('finds it elsewhere when text moved, by its literal parts and context', () => {
    const moved = 'A new first paragraph was added here. ' + page;
    const m = matchRedacted(moved, { exact: 'Export the token [redacted: GitHub token] before running', prefix: 'Setup. ', suffix: ' the build', hint: start });
    expect(m && moved.slice(m.start, m.end)).toBe(page.slice(start, end));
  });

  it('holds a quote that was nothing but the secret by its prefix and suffix', () => {
    const token = page.indexOf('ghp_');
    const m = matchRedacted(page, { exact: '[redacted: GitHub token]', prefix: 'Export the token ', suffix: ' before running', hint: token + 40 });
    expect(m && page.slice(m.start, m.end)).toBe('ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP');
  });

  it('gives up when the words around the secret are gone', () => {
    expect(matchRedacted('Completely different text.', { exact: 'Export the token [redacted: GitHub token] before running', hint: 5 })).toBeNull();
    expect(matchRedacted(page, { exact: '[redacted: GitHub token]' })).toBeNull();
  });
});
