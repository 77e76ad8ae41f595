import { describe, expect, it } from 'vitest';
import { damage } from './damage';
import { countWords, swappedWords, type Vocabulary } from './words';

function vocabularyOf(text: string): Vocabulary {
  const words: Vocabulary = new Map();
  countWords(text, 0, text.length, words);
  return words;
}

const PAGE =
  "flags {string} Default: 'r'. flags {string} Default: 'w'. Opens the file for reading. Opens the file for writing. " +
  'See the documentation for more details. See the documentation for more detail. position {integer|null} position {integer} ';

function swaps(quote: string, have: string, page = PAGE) {
  return swappedWords(quote, have, damage(quote, have), vocabularyOf(`${page} ${have}`));
}

describe('swappedWords', () => {
  it('counts a real word a typo away as a weak swap', () => {
    expect(swaps("flags {string} Default: 'r'.", "flags {string} Default: 'w'.")).toEqual({ strong: 0, weak: 1 });
    expect(swaps('See the documentation for more details.', 'See the documentation for more detail.')).toEqual({ strong: 0, weak: 1 });
  });

  it('counts another real word, or a word lost from a type, as a strong swap', () => {
    expect(swaps('Opens the file for reading.', 'Opens the file for writing.')).toEqual({ strong: 1, weak: 0 });
    expect(swaps('position {integer|null}', 'position {integer}')).toEqual({ strong: 1, weak: 0 });
  });

  it('counts a real word inserted between saved words', () => {
    expect(swaps('Opens the file for reading.', 'Opens the TCP file for reading.', `${PAGE} TCP`)).toEqual({ strong: 1, weak: 0 });
  });

  it('does not count typos: letters dropped here and there, a space typed into a word, marks lost', () => {
    expect(swaps('See the documentation for more details.', 'Se the documntation fr more detals.')).toEqual({ strong: 0, weak: 0 });
    expect(swaps('Opens the file for reading.', 'Opens the file for rea ding')).toEqual({ strong: 0, weak: 0 });
    expect(swaps('the completion callback.', 'the completion cllbc.', `${PAGE} callback`)).toEqual({ strong: 0, weak: 0 });
  });

  it('counts a real word that lost a few letters in one place, as a typo might, as a weak swap', () => {
    const page = `${PAGE} FUTEX_LOCK_PI Returns 0. FUTEX_LOCK_PI locks. FUTEX_TRYLOCK_PI tries.`;
    expect(swaps('FUTEX_TRYLOCK_PI Returns 0 if the futex was locked.', 'FUTEX_LOCK_PI Returns 0 if the futex was locked.', page)).toEqual({ strong: 0, weak: 1 });
  });

  it('reads a call and its first argument as two words', () => {
    const page = `${PAGE} The select call waits. See pselect(2) and select(int nfds).`;
    expect(swaps('See pselect(2) for the mask.', 'See select(2) for the mask.', page)).toEqual({ strong: 0, weak: 1 });
  });

  it('does not count a word the page does not use that is a few letters off a long saved word', () => {
    expect(swaps('See the documentation for more details.', 'See the dokumemtatiom for more details.')).toEqual({ strong: 0, weak: 0 });
  });

  it('does not count a space lost between two words', () => {
    expect(swaps('Opens the file for reading.', 'Opens thefile for reading.')).toEqual({ strong: 0, weak: 0 });
  });

  it('does not count a typo that recurs on the page far more rarely than the word it mangles', () => {
    const page = `${'See the manual. '.repeat(20)} ee the other manual.`;
    expect(swaps('See the manual.', 'ee the manual.', page)).toEqual({ strong: 0, weak: 0 });
  });
});
