import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { explainStorageError } from './storage-errors';

describe('explainStorageError', () => {
  it('says in words what a full disk or a storage failure means, as Dexie and IndexedDB name them', () => {
    const quota = [new Dexie.QuotaExceededError('QuotaExceededError'), new DOMException('full', 'QuotaExceededError'), new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError'))];
    for (const e of quota) expect(String(explainStorageError(e))).toMatch(/no room left.*what you typed is kept/);
    for (const e of [new Dexie.DatabaseClosedError('closed'), new DOMException('Internal error', 'UnknownError')]) {
      expect(String(explainStorageError(e))).toMatch(/did not answer.*try again/i);
    }
  });

  it('leaves every other error as it is', () => {
    const other = new Error('No lesson with id x');
    expect(explainStorageError(other)).toBe(other);
    expect(explainStorageError('text')).toBe('text');
    expect(explainStorageError(null)).toBe(null);
  });
});
