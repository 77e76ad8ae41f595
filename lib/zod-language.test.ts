import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodSpeaks } from './zod-language';

describe('zodSpeaks', () => {
  afterEach(() => zodSpeaks('en'));
  const tooLong = () => z.string().max(3).safeParse('abcdef').error!.issues[0].message;

  it('says what was refused in German for a German browser', () => {
    zodSpeaks('de');
    expect(tooLong()).toMatch(/Zu groß/);
  });

  it('stays in English for English and for a language zod is not given here', () => {
    zodSpeaks('fr');
    expect(tooLong()).toMatch(/Too big/);
    zodSpeaks('en');
    expect(tooLong()).toMatch(/Too big/);
  });
});
