import { z } from 'zod';
import de from 'zod/v4/locales/de.js';
import en from 'zod/v4/locales/en.js';

const LOCALES: Record<string, () => Parameters<typeof z.config>[0]> = { de, en };

/**
 * zod's own sentences (a note too long, a field of the wrong kind) reach people through refused
 * messages, imports and held-back pushes: they are said in the language of the other words
 * (`language` of locales/<lang>.yml), English where zod has none of ours.
 */
export function zodSpeaks(language: string): void {
  z.config((LOCALES[language] ?? en)());
}
