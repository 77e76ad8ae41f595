import { describe, expect, it } from 'vitest';
import { matchQuote, matchQuoteSteps, type QuoteQuery, type TextCache } from './match-quote';
import { countWords, type Vocabulary } from './words';
import { headSimilarity, tailSimilarity } from './similarity';

const TEXT =
  'Monday: the deploy failed because the config was stale, so we rolled back. ' +
  'Tuesday: latency doubled when traffic peaked and the cache kept missing. ' +
  'Wednesday: the deploy failed because a migration locked the orders table. ' +
  'Thursday: nobody owned the alert, so the on-call engineer learned about it from customers.';

const at = (s: string) => TEXT.indexOf(s);

describe('context similarity', () => {
  it('is 1 for equal text and pinned to the side touching the quote', () => {
    expect(headSimilarity('so we rolled', 'so we rolled back.')).toBe(1);
    expect(tailSimilarity('config was stale, ', 'Monday: the config was stale, ')).toBe(1);
    expect(headSimilarity('so we rolled', 'xx so we rolled')).toBeLessThan(1);
    expect(headSimilarity('abcd', 'abXd')).toBe(0.75);
    expect(headSimilarity('', '')).toBe(1);
    expect(headSimilarity('abc', '')).toBe(0);
  });
});

describe('matchQuote', () => {
  it('takes the hinted position when quote and context agree', () => {
    const exact = 'latency doubled';
    const m = matchQuote(TEXT, { exact, prefix: 'back. Tuesday: ', suffix: ' when traffic', hint: at(exact) });
    expect(m).toEqual({ start: at(exact), end: at(exact) + exact.length, score: 1 });
  });

  it('picks the repeat whose context matches, wherever the hint points', () => {
    const exact = 'the deploy failed because';
    const second = TEXT.lastIndexOf(exact);
    const m = matchQuote(TEXT, { exact, prefix: 'Wednesday: ', suffix: ' a migration locked', hint: 0 });
    expect(m?.start).toBe(second);
  });

  it('uses nearness to the old position when repeats share their context', () => {
    const text = 'x. the build failed. y. '.repeat(4);
    const third = 48;
    expect(text.slice(third, third + 16)).toBe('x. the build fai');
    const m = matchQuote(text, { exact: 'the build failed', prefix: 'x. ', suffix: '. y.', hint: third + 3 });
    expect(m?.start).toBe(third + 3);
  });

  it('finds an edited quote and scores it below 1', () => {
    const edited = TEXT.replace('latency doubled when traffic peaked', 'latency nearly doubled as traffic peaked');
    const m = matchQuote(edited, {
      exact: 'latency doubled when traffic peaked and the cache kept missing',
      prefix: 'rolled back. Tuesday: ',
      suffix: '. Wednesday: the deploy',
      hint: at('latency'),
    });
    expect(edited.slice(m!.start, m!.end)).toBe('latency nearly doubled as traffic peaked and the cache kept missing');
    expect(m!.score).toBeLessThan(1);
    expect(m!.score).toBeGreaterThan(0.8);
  });

  it('normalises whitespace in the selectors', () => {
    const m = matchQuote(TEXT, { exact: '  nobody owned\n\n  the alert ', prefix: 'Thursday:\t', suffix: ', so' });
    expect(TEXT.slice(m!.start, m!.end)).toBe('nobody owned the alert');
  });

  it('refuses a quote whose text is gone, even with its context intact', () => {
    const gone = TEXT.replace('latency doubled when traffic peaked and the cache kept missing', 'all was quiet');
    expect(
      matchQuote(gone, {
        exact: 'latency doubled when traffic peaked and the cache kept missing',
        prefix: 'rolled back. Tuesday: ',
        suffix: '. Wednesday: the deploy',
        hint: at('latency'),
      }),
    ).toBeNull();
  });

  it('refuses a short quote found only in another context', () => {
    expect(matchQuote(TEXT, { exact: 'the alert', prefix: 'we paged ', suffix: ' twice, then' })).toBeNull();
  });

  it('refuses an approximate match with an equally good rival elsewhere', () => {
    const text = 'intro. the deploy failed on the main branch today. middle. the deploy failed on the dev branch today. outro.';
    expect(matchQuote(text, { exact: 'the deploy failed on the qa branch today', prefix: '', suffix: '' })).toBeNull();
    expect(matchQuote(text, { exact: 'the deploy failed on the maim branch today', prefix: '', suffix: '' })?.start).toBe(7);
  });

  it('refuses an empty quote', () => {
    expect(matchQuote(TEXT, { exact: '  ' })).toBeNull();
  });

  // Two entries of Node.js' fs documentation (test/fixtures/anchoring/node-fs.md): the same
  // sentences around one changed word.
  const READ = 'If options is a string, then it specifies the encoding. The {FileHandle} has to support reading. If one or more filehandle.read() calls are made';
  const WRITE = 'If options is a string, then it specifies the encoding. The {FileHandle} has to support writing. If one or more filehandle.write() calls are made';

  it('refuses a look-alike whose middle differs, even with the same context around it', () => {
    const exact = 'The {FileHandle} has to support reading.';
    const text = `${'Unrelated text before. '.repeat(40)}${WRITE} and more.`;
    expect(matchQuote(text, { exact, prefix: 'then it specifies the encoding. ', suffix: ' If one or more filehandle.read(', hint: 100 })).toBeNull();
  });

  it('accepts the same change in place when the context on both sides confirms it', () => {
    const exact = 'The {FileHandle} has to support reading.';
    const hint = READ.indexOf(exact);
    const m = matchQuote(WRITE, { exact, prefix: 'then it specifies the encoding. ', suffix: ' If one or more filehandle.writ', hint });
    expect(WRITE.slice(m!.start, m!.end)).toBe('The {FileHandle} has to support writing.');
  });

  it('finds a moved quote whose every word lost a letter, with its prefix replaced', () => {
    const exact = 'Temporarily unavailable: maintenance scheduled Wednesday afternoon';
    // A letter lost near the start of every word: no 8-character seed of the quote is left intact.
    const damaged = 'Tmporarily uavailable: mintenance sheduled Wdnesday aternoon';
    const text = `${'Words inserted above push everything down. '.repeat(200)}A new note sits here. ${damaged}. Please plan accordingly.`;
    const m = matchQuote(text, { exact, prefix: 'The old heading was right here. ', suffix: '. Please plan accordingly.', hint: 40 });
    expect(text.slice(m!.start, m!.end)).toBe(damaged);
  });

  it('finds a short moved quote with a dropped letter by its context', () => {
    const exact = 'Returns: {string}';
    const text = `${'Inserted above. '.repeat(100)}* \`encoding\` {string} Returns: {strng} The resolved path. Then Returns: {Buffer} elsewhere.`;
    const m = matchQuote(text, { exact, prefix: '* `encoding` {string} ', suffix: ' The resolved path.', hint: 10 });
    expect(text.slice(m!.start, m!.end)).toBe('Returns: {strng}');
  });

  it('compares context that reaches the end of the text without its trailing space', () => {
    const text = 'first: the build failed. second: the build failed at the end';
    const m = matchQuote(text, { exact: 'the build failed', prefix: 'second: ', suffix: ' at the end ' });
    expect(m).toEqual({ start: text.lastIndexOf('the build failed'), end: text.lastIndexOf('the build failed') + 16, score: 1 });
  });

  // Acceptance by words (words.ts): look-alikes in reference pages differ from the saved quote in
  // real words; typos leave non-words.
  const FILLER = 'Unrelated text that pushes things apart. '.repeat(40);

  it("refuses a look-alike elsewhere whose one word is another real word ('w' for 'r'), though its context fits", () => {
    const exact = "flags {string} See support of file system flags. Default: 'r'.";
    const text = `'r': Open file for reading. 'w': Open file for writing. ${FILLER}path {string|Buffer|URL} flags {string} See support of file system flags. Default: 'w'. mode {integer} Default: 0o666.`;
    expect(matchQuote(text, { exact, prefix: ' path {string|Buffer|URL} ', suffix: ' mode {integer} Default: 0o666.', hint: 10 })).toBeNull();
  });

  it("refuses a real word a typo away ('w' for 'r') where the quote was when no side of context confirms it", () => {
    const exact = "flags {string} See support of file system flags. Default: 'r'.";
    const text = `'r': Open file for reading. 'w': Open file for writing. ${FILLER}A new paragraph. flags {string} See support of file system flags. Default: 'w'. Another new paragraph.`;
    const hint = text.indexOf('flags {string}');
    expect(matchQuote(text, { exact, prefix: ' path {string|Buffer|URL} ', suffix: ' mode {integer} Default: 0o666.', hint })).toBeNull();
  });

  it('refuses another real word in place even when the context on both sides confirms it', () => {
    const exact = 'position {integer|null} The location where to begin reading data from the file.';
    const text = `${FILLER}length {integer} The number of bytes to read. position {integer} The location where to begin reading data from the file. Returns: {Promise} offset {integer}.`;
    const hint = text.indexOf('position {integer}');
    expect(matchQuote(text, { exact, prefix: 'The number of bytes to read. ', suffix: ' Returns: {Promise}', hint })).toBeNull();
  });

  it("refuses the next item of a list moved into a deleted item's place", () => {
    const exact = "'ax': Like 'a' but fails if the path exists.";
    const text = `${FILLER}'a': Open file for appending. 'ax+': Like 'a+' but fails if the path exists. 'as': Open file for appending in synchronous mode.`;
    const hint = text.indexOf("'ax+'");
    expect(matchQuote(text, { exact, prefix: ' Open file for appending. ', suffix: " 'ax+': Like 'a+' but fails if t", hint })).toBeNull();
  });

  it('finds a quote where it was whose dropped letter made a real word, by one side of context', () => {
    const exact = 'See the POSIX lchown(2) documentation for more details.';
    const text = `See the POSIX chown(2) documentation for more detail. ${FILLER}A note inserted above. See the POSIX lchown(2) documentation for more detail. fs.link(existingPath, newPath)`;
    const hint = text.indexOf('A note inserted above.');
    const m = matchQuote(text, { exact, prefix: 'Set the owner of the symlink. ', suffix: ' fs.link(existingPath, newPath)', hint });
    expect(m?.start).toBe(text.lastIndexOf('See the POSIX lchown'));
  });

  it('finds a unique, nearly intact quote where it was when the context on both sides was replaced', () => {
    const exact = 'Returns: {Promise} Fulfills with the resolved path upon success.';
    const text = `${FILLER}A new paragraph. Returns: {Promise} Fulflls wth the resolved path upon success. Another new paragraph.`;
    const hint = text.indexOf('Returns:');
    const m = matchQuote(text, { exact, prefix: 'encoding {string} Default: utf8 ', suffix: ' fsPromises.rename(oldPath, newP', hint });
    expect(text.slice(m!.start, m!.end)).toBe('Returns: {Promise} Fulflls wth the resolved path upon success.');
  });

  it('finds a short quote moved far with its prefix replaced when nothing else on the page is near it', () => {
    const exact = '#include <unistd.h>';
    const text = `${FILLER}${FILLER}A note inserted above. #include <unistd.h ssize_t read(int fd, void buf[.count], size_t count);`;
    const m = matchQuote(text, { exact, prefix: 'LIBRARY Standard C library SYNOPSIS ', suffix: ' ssize_t read(int fd, void buf[.', hint: 30 });
    expect(text.slice(m!.start, m!.end)).toBe('#include <unistd.h');
  });

  it('refuses a moved quote with a near twin elsewhere when the context does not choose it', () => {
    const exact = 'See the POSIX lchown(2) documentation for more details.';
    const text = `${FILLER}See the POSIX chown(2) documentation for more details. ${FILLER}See the POSIX lchown(2) documentation fr more details. Something else.`;
    expect(matchQuote(text, { exact, prefix: 'Set the owner of the symlink. ', suffix: ' fs.link(existingPath, newPath)', hint: 10 })).toBeNull();
  });
});

describe('matchQuoteSteps', () => {
  const run = (text: string, query: QuoteQuery, cache: TextCache) => {
    const steps = matchQuoteSteps(text, query, cache);
    for (let pauses = 0; ; pauses++) {
      const r = steps.next();
      if (r.done) return { pauses, found: r.value };
    }
  };
  const wordsOf = (text: string): Vocabulary => {
    const words: Vocabulary = new Map();
    countWords(text, 0, text.length, words);
    return words;
  };
  // Sentences that differ from each other, so that a quote's seeds are rare enough to be searched.
  const page = Array.from({ length: 3000 }, (_, i) => `Entry ${i} of the log: worker ${i * 7} stopped after ${i * 13} retries.`).join(' ');

  it('pauses while it indexes the seeds of a long text, with the same result', () => {
    const exact = 'Entry 2500 of the log: worker 17500 stopped after 32500 retries.';
    const query = { exact, prefix: 'after 32487 retries. ', suffix: ' Entry 2501 of t', hint: 0 };
    const text = page.replace(exact, 'Entry 2500 of the lg: worker 17500 stoped after 32500 retries.');
    const indexed: TextCache = { words: wordsOf(text) };
    const first = run(text, query, indexed);
    const again = run(text, query, indexed);
    expect(first.found).toEqual(again.found);
    expect(text.slice(first.found!.start, first.found!.end)).toBe('Entry 2500 of the lg: worker 17500 stoped after 32500 retries.');
    // One pause per piece of the index at least, beyond the searches' own.
    expect(first.pauses - again.pauses).toBeGreaterThanOrEqual(Math.floor(text.length / 32_768));
  });

  it('pauses after comparing the words of a match, however quickly it is settled', () => {
    const exact = 'Entry 20 of the log: worker 140 stopped after 260 retries.';
    const text = page.replace(exact, 'Entry 20 of the log: worker 140 stoped after 260 retries.');
    const hint = page.indexOf(exact);
    const { pauses, found } = run(text, { exact, prefix: 'after 247 retries. ', suffix: ' Entry 21 of the', hint }, { words: wordsOf(text) });
    expect(found?.start).toBe(hint);
    expect(pauses).toBeGreaterThan(0);
  });
});
