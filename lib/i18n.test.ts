import { afterEach, describe, expect, it } from 'vitest';
import { speak } from '@/test/support/i18n';
import { formatDay, formatNumber, t, uiLanguage } from './i18n';

describe('the browser’s language', () => {
  afterEach(() => speak('en'));

  it('writes words, dates and numbers in English', () => {
    expect(uiLanguage()).toBe('en');
    expect(t('common.save')).toBe('Save');
    expect(formatDay(new Date(2026, 11, 3))).toBe('Dec 3, 2026');
    expect(formatNumber(20000)).toBe('20,000');
  });

  it('writes words, dates and numbers in German', () => {
    speak('de');
    expect(uiLanguage()).toBe('de');
    expect(t('common.save')).toBe('Speichern');
    expect(formatDay(new Date(2026, 11, 3))).toBe('3. Dez. 2026');
    expect(formatNumber(20000)).toBe('20.000');
  });

  it('picks the plural form for the count', () => {
    expect([1, 2].map((n) => t('library.deleted', n))).toEqual(['Deleted 1 lesson', 'Deleted 2 lessons']);
    speak('de');
    expect([1, 2].map((n) => t('library.deleted', n))).toEqual(['1 Erkenntnis gelöscht', '2 Erkenntnisse gelöscht']);
  });
});
