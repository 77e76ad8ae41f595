// @vitest-environment happy-dom
import { beforeEach, describe as group, expect, it } from 'vitest';
import type { Selectors } from '../lesson';
import { anchor, anchorAll, anchorAllChunked, describe } from './anchor';
import { extractText } from './text-map';
import { prng } from '../../test/support/prng';
import { buildProse } from './testing/prose';

function page(html: string): HTMLElement {
  const el = document.createElement('main');
  // Fixture markup written in this test, never data.
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

/** A range over the first occurrence of `words` in the root's normalised text. */
function select(root: Element, words: string, nth = 0): Range {
  const map = extractText(root);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = map.text.indexOf(words, at + 1);
  if (at < 0) throw new Error(`fixture lacks "${words}"`);
  return map.rangeOf(at, at + words.length);
}

/** The range's text as anchoring reads it (Range.toString() drops block boundaries). */
function flat(r: Range | undefined): string {
  if (!r) return '';
  const map = extractText(document.body);
  return map.text.slice(map.offsetOf(r.startContainer, r.startOffset), map.offsetOf(r.endContainer, r.endOffset));
}

const STORY =
  '<h1>Release 4.2 retro</h1>' +
  '<p>The deploy failed because the config was stale. We rolled back within ten minutes.</p>' +
  '<p>Next time we will validate the config in CI before the deploy starts.</p>' +
  '<p>Latency went up by forty percent when traffic peaked on Monday.</p>';

group('describe', () => {
  beforeEach(() => document.body.replaceChildren());

  it('gives the quote, 32 characters of context each side and the position', () => {
    const root = page(STORY);
    const s = describe(root, select(root, 'validate the config in CI'));
    expect(s.quote.exact).toBe('validate the config in CI');
    expect(s.quote.prefix).toBe(' ten minutes. Next time we will ');
    expect(s.quote.prefix.length).toBe(32);
    expect(s.quote.suffix).toBe(' before the deploy starts. Laten');
    expect(extractText(root).text.slice(s.position!.start, s.position!.end)).toBe(s.quote.exact);
  });

  it('trims surrounding whitespace and refuses an empty selection', () => {
    const root = page('<p>alpha</p>\n\n<p>beta</p>');
    const r = document.createRange();
    r.setStart(root.firstChild!.firstChild!, 5);
    r.setEnd(root.lastChild!.firstChild!, 4);
    expect(describe(root, r).quote.exact).toBe('beta');
    r.setEnd(root.childNodes[1], 2);
    expect(() => describe(root, r)).toThrow(RangeError);
  });

  it('clips a selection that starts outside the root', () => {
    const root = page('<p>inside text</p>');
    const outside = document.createElement('p');
    outside.textContent = 'outside';
    document.body.prepend(outside);
    const r = document.createRange();
    r.setStart(outside.firstChild!, 2);
    r.setEnd(root.firstChild!.firstChild!, 6);
    expect(describe(root, r).quote.exact).toBe('inside');
  });
});

group('anchor', () => {
  beforeEach(() => document.body.replaceChildren());

  it('finds the quote on an unchanged page with a perfect score', () => {
    const root = page(STORY);
    const s = describe(root, select(root, 'rolled back within ten minutes'));
    const found = anchor(root, s)!;
    expect(flat(found.range)).toBe('rolled back within ten minutes');
    expect(found.score).toBe(1);
  });

  it('finds text that moved', () => {
    const root = page(STORY);
    const s = describe(root, select(root, 'Latency went up by forty percent'));
    const intro = document.createElement('p');
    intro.textContent = 'A new introduction paragraph was added above everything else. '.repeat(5);
    root.prepend(intro);
    root.append(root.children[2]); // the "Latency" paragraph is no longer last
    const found = anchor(root, s)!;
    expect(flat(found.range)).toBe('Latency went up by forty percent');
  });

  it('finds a quote whose words were edited inside and around it', () => {
    const root = page(STORY);
    const s = describe(root, select(root, 'The deploy failed because the config was stale. We rolled back'));
    root.children[1].textContent = 'Sadly the deploy failed since the config was stale. We rolled it back within 10 minutes.';
    const found = anchor(root, s)!;
    // Words inserted at the edge ("Sadly") may go either way; the edited middle must be covered.
    expect(flat(found.range)).toMatch(/^(Sadly )?the deploy failed since the config was stale\. We rolled it back$/);
    expect(found.score).toBeLessThan(1);
  });

  it('uses prefix and suffix to choose among repeats', () => {
    const root = page(
      '<p>Monday: the build failed on main.</p><p>Tuesday: the build failed on the release branch.</p><p>Wednesday: the build failed on a fork.</p>',
    );
    const s = describe(root, select(root, 'the build failed', 1));
    root.prepend(Object.assign(document.createElement('p'), { textContent: 'Sunday: the build failed twice.' }));
    const found = anchor(root, s)!;
    expect(found.range.startContainer.parentElement!.textContent).toContain('Tuesday');
    expect(flat(found.range)).toBe('the build failed');
  });

  it('returns null when the quote was deleted', () => {
    const root = page(STORY);
    const s = describe(root, select(root, 'Next time we will validate the config in CI before the deploy starts.'));
    root.children[2].remove();
    expect(anchor(root, s)).toBeNull();
  });

  it('never anchors deleted quotes elsewhere in similar prose', () => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    buildProse(root, 60_000, 7);
    const rand = prng(3);
    const paragraphs = [...root.querySelectorAll('p')];
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      const p = paragraphs[Math.floor(rand() * paragraphs.length)];
      if (!p.isConnected) continue;
      const text = extractText(root).text;
      const own = p.textContent!.replace(/\s+/g, ' ').trim();
      const len = 40 + Math.floor(rand() * Math.min(120, own.length - 40));
      if (own.length < 45) continue;
      const words = own.slice(0, len).trim();
      if (text.indexOf(words) !== text.lastIndexOf(words)) continue;
      const s = describe(root, select(root, words));
      p.remove();
      const wrong = anchor(root, s);
      expect(wrong && { words, found: flat(wrong.range), score: wrong.score }).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('ignores whitespace and <br> differences', () => {
    const root = page('<p>first line<br>second\n     line</p>');
    const byHand: Selectors = { quote: { type: 'TextQuoteSelector', exact: 'line second line', prefix: 'first ', suffix: '' } };
    expect(flat(anchor(root, byHand)?.range)).toBe('line second line');
    const s = describe(root, select(root, 'first line second'));
    root.firstElementChild!.replaceChildren('first   line \n second line');
    expect(flat(anchor(root, s)?.range)).toBe('first line second');
    root.firstElementChild!.replaceChildren('first', document.createElement('br'), document.createElement('br'), 'line second line');
    expect(flat(anchor(root, s)?.range)).toBe('first line second');
  });

  it('finds quotes across element boundaries', () => {
    const root = page(
      '<p>The <b>root cause</b> was <a href="#x">a stale</a> config.</p>' +
        '<ul><li>Check owners</li><li>Rotate keys</li></ul>' +
        '<table><tr><td>p95</td><td>420 ms</td></tr></table>',
    );
    const cases = ['root cause was a stale config', 'config. Check owners Rotate', 'keys p95 420 ms'];
    const all = cases.map((words) => describe(root, select(root, words)));
    for (const [i, s] of all.entries()) {
      expect(s.quote.exact).toBe(cases[i]);
      expect(flat(anchor(root, s)?.range)).toBe(cases[i]);
    }
    const byHand: Selectors = { quote: { type: 'TextQuoteSelector', exact: 'Check owners\n Rotate keys', prefix: '', suffix: '' } };
    expect(flat(anchor(root, byHand)?.range)).toBe('Check owners Rotate keys');
  });

  it('round-trips describe and anchor on a generated page', () => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    buildProse(root, 40_000, 11);
    const map = extractText(root);
    const rand = prng(5);
    for (let i = 0; i < 50; i++) {
      const start = Math.floor(rand() * (map.text.length - 300));
      const end = start + 5 + Math.floor(rand() * 200);
      const s = describe(root, map.rangeOf(start, end));
      const found = anchor(root, s)!;
      expect(flat(found.range)).toBe(s.quote.exact);
      expect(found.score).toBe(1);
    }
  });
});

group('anchorAll', () => {
  beforeEach(() => document.body.replaceChildren());

  it('anchors a batch in input order, like anchor() one by one, chunked or not', async () => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    buildProse(root, 30_000, 2);
    const map = extractText(root);
    const rand = prng(9);
    const list: Selectors[] = [];
    for (let i = 0; i < 30; i++) {
      const start = Math.floor(rand() * (map.text.length - 300));
      list.push(describe(root, map.rangeOf(start, start + 40 + Math.floor(rand() * 100)), map));
    }
    list.push({ quote: { type: 'TextQuoteSelector', exact: 'words that were never on this page at all', prefix: '', suffix: '' } });
    const intro = document.createElement('p');
    intro.textContent = 'Inserted above. '.repeat(20);
    root.prepend(intro);
    const one = list.map((s) => anchor(root, s));
    const batch = anchorAll(root, list);
    const chunked = await anchorAllChunked(root, list, { budgetMs: 0 });
    expect(batch.map((r) => flat(r?.range))).toEqual(one.map((r) => flat(r?.range)));
    expect(chunked.map((r) => flat(r?.range))).toEqual(one.map((r) => flat(r?.range)));
    expect(batch.slice(0, 30).map((r) => flat(r?.range))).toEqual(list.slice(0, 30).map((s) => s.quote.exact));
    expect(batch[30]).toBeNull();
  });
});
