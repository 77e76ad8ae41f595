// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { extractText } from './text-map';

function root(html: string): HTMLElement {
  const el = document.createElement('div');
  // Fixture markup written in this test, never data.
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe('extractText', () => {
  beforeEach(() => document.body.replaceChildren());

  it('collapses whitespace runs and treats <br> and blocks as spaces', () => {
    const r = root('<p>  one\n   two\t three </p><p>four<br>five</p><ul><li>six</li><li>seven</li></ul>');
    expect(extractText(r).text).toBe('one two three four five six seven');
  });

  it('joins inline elements without adding spaces', () => {
    const r = root('<p>un<b>break</b><a href="#">able</a> word</p>');
    expect(extractText(r).text).toBe('unbreakable word');
  });

  it('leaves out scripts, styles, hidden content and our own UI', () => {
    const r = root(
      '<p>a</p><script>var x = 1;</script><style>p{}</style><noscript>ns</noscript><template>t</template>' +
        '<div hidden>h</div><div style="display: none">d</div><span style="visibility:hidden">v</span>' +
        '<div data-lessonmark-ui="card">ui</div><lessonmark-ui>host</lessonmark-ui>' +
        '<p>b <mark data-lessonmark-ui="mark">kept</mark></p>',
    );
    expect(extractText(r).text).toBe('a b kept');
  });

  it('maps every normalised offset back to the DOM', () => {
    const r = root('<p>  alpha\n\n  beta <i>gamma</i></p>\n<div>delta<br>  epsilon  </div>');
    const map = extractText(r);
    for (const word of ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'beta gamma', 'alpha beta gamma delta']) {
      const at = map.text.indexOf(word);
      const range = map.rangeOf(at, at + word.length);
      expect(range.toString().replace(/\s+/g, ' ')).toBe(word);
    }
  });

  it('converts DOM boundary points to normalised offsets', () => {
    const r = root('<p>one   two</p><p><b>three</b> four</p>');
    const map = extractText(r);
    const p1 = r.firstChild!.firstChild as Text;
    expect(map.offsetOf(p1, 0)).toBe(0);
    expect(map.offsetOf(p1, 6)).toBe(4); // inside the collapsed run, before "two"
    expect(map.offsetOf(p1, 9)).toBe(7);
    expect(map.offsetOf(r.lastChild!, 0)).toBe(8); // element boundary before "three"
    const b = r.querySelector('b')!;
    expect(map.offsetOf(b, 1)).toBe(13);
    expect(map.offsetOf(r, r.childNodes.length)).toBe(map.text.length);
  });

  it('round-trips offsets through ranges on irregular markup', () => {
    const r = root('<div>\n  <h1>Title</h1>\n  <p>Some <em>mixed</em>\n text,<br><br>  and more.</p><table><tr><td>a</td><td>b</td></tr></table></div>');
    const map = extractText(r);
    expect(map.text).toBe('Title Some mixed text, and more. a b');
    for (let s = 0; s < map.text.length; s++) {
      for (let e = s + 1; e <= map.text.length; e++) {
        if (map.text[s] === ' ' || map.text[e - 1] === ' ') continue;
        const range = map.rangeOf(s, e);
        expect(map.offsetOf(range.startContainer, range.startOffset)).toBe(s);
        expect(map.offsetOf(range.endContainer, range.endOffset)).toBe(e);
      }
    }
  });
});

describe('textReader', () => {
  it('reads in slices to the same map, and starts over when the DOM changed under it', async () => {
    const { textReader } = await import('./text-map');
    const r = root('<p>one</p>'.repeat(3000));
    const whole = extractText(r).text;
    const read = textReader(r);
    let slices = 1;
    let map = read(0);
    while (!map) {
      slices++;
      if (slices === 2) r.firstElementChild!.remove();
      map = read(0);
    }
    expect(slices).toBeGreaterThan(2);
    expect(map.text).toBe(whole.slice(4));
  });
});
