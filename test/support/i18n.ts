import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * The browser's i18n for unit tests, in memory: `getMessage` reads locales/<lang>.yml the way the
 * browser reads the `_locales` the build makes from them ($1…$9 substituted, "" for an unknown
 * key), so components render their real words. English unless a test calls `speak('de')`.
 */
const DIR = join(import.meta.dirname, '../../locales');
const languages = new Map<string, Map<string, string>>();
for (const lang of ['en', 'de']) {
  const messages = await parseMessagesFile(join(DIR, `${lang}.yml`));
  languages.set(
    lang,
    new Map(messages.map((m) => [m.key.join('_'), m.type === 'plural' ? Object.values(m.plurals).join(' | ') : m.message] as const)),
  );
}

let current = 'en';
export function speak(lang: 'en' | 'de'): void {
  current = lang;
}

Object.assign(fakeBrowser.i18n, {
  getUILanguage: () => current,
  getMessage: (key: string, substitutions?: string | string[]) => {
    const message = languages.get(current)!.get(key) ?? '';
    const subs = substitutions == null ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
  },
});
