import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessagesFile, SUPPORTED_LOCALES, type ParsedMessage } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';

/** locales/<lang>.yml: every language must say everything the default (English) says, and nothing more. */
const DIR = join(import.meta.dirname, '../locales');
const DEFAULT = 'en';
const languages = readdirSync(DIR)
  .filter((file) => file.endsWith('.yml'))
  .map((file) => file.replace(/\.yml$/, ''));

const read = async (lang: string) => {
  const messages = await parseMessagesFile(join(DIR, `${lang}.yml`));
  return new Map(messages.map((m) => [m.key.join('.'), m] as const));
};
const textOf = (m: ParsedMessage) => (m.type === 'plural' ? Object.values(m.plurals).join(' ') : m.message);

describe('the messages', () => {
  it('come in English and German at least', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'de']));
    for (const lang of languages) expect(SUPPORTED_LOCALES.has(lang)).toBe(true);
  });

  it.each(languages.filter((l) => l !== DEFAULT))('%s has exactly the keys English has, with the same placeholders', async (lang) => {
    const [base, other] = await Promise.all([read(DEFAULT), read(lang)]);
    expect({ missing: [...base.keys()].filter((k) => !other.has(k)), extra: [...other.keys()].filter((k) => !base.has(k)) }).toEqual({
      missing: [],
      extra: [],
    });
    for (const [key, message] of base) {
      const translated = other.get(key)!;
      expect([key, translated.substitutions, translated.namedSubstitutions.sort()]).toEqual([key, message.substitutions, message.namedSubstitutions.sort()]);
      expect(translated.type).toBe(message.type);
    }
  });

  it.each(languages)('%s has no empty message, and a name and description the stores accept', async (lang) => {
    const messages = await read(lang);
    expect([...messages].filter(([, m]) => !textOf(m).trim()).map(([key]) => key)).toEqual([]);
    // Chrome Web Store: a name of at most 75 characters, a description of at most 132.
    expect(textOf(messages.get('extension.name')!).length).toBeLessThanOrEqual(75);
    expect(textOf(messages.get('extension.description')!).length).toBeLessThanOrEqual(132);
  });
});
