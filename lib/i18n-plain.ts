import { browser } from 'wxt/browser';
import type { GeneratedI18nStructure } from '#i18n';

type PlainKey = {
  [K in keyof GeneratedI18nStructure]: GeneratedI18nStructure[K] extends { substitutions: 0; plural: false } ? K : never;
}[keyof GeneratedI18nStructure];

/**
 * A message with nothing to fill in, straight from the browser: for the content script, which
 * runs on every page and must stay small (`t()` brings plurals and substitutions along).
 */
export function plainMessage(key: PlainKey): string {
  return (browser.i18n.getMessage as (name: string) => string)(key.replaceAll('.', '_'));
}
