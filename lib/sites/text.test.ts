// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { capPageText, cleanLabels, cleanTitle, clip, excerptOf, firstPresent, joinedText, metaContent, metaContents, textOf, tidyLines, titleAndBodyText } from './text';

const body = (html: string) => new DOMParser().parseFromString(`<html><body>${html}</body></html>`, 'text/html').body;

describe('textOf', () => {
  it('reads text nodes only, skipping scripts, styles, templates and hidden elements', () => {
    const el = body(
      '<p>Visible <script>var a = 1;</script><style>p{}</style><template>t</template><noscript>n</noscript>' +
        '<span hidden>h</span><svg><title>icon</title></svg>text</p>',
    );
    expect(textOf(el)).toBe('Visible text');
  });

  it('keeps words of neighbouring blocks apart', () => {
    expect(textOf(body('<div>one</div><div>two</div><p>three<br>four</p><ul><li>a</li><li>b</li></ul>'))).toBe(
      'one two three four a b',
    );
  });

  it('gives escaped markup back as its characters', () => {
    expect(textOf(body('&lt;b&gt;bold&lt;/b&gt; &amp; more'))).toBe('<b>bold</b> & more');
  });

  it("reads each node's type and each element's tag once", () => {
    const el = body('<div><p>one <b>two</b> three</p><ul><li>a</li><li hidden>b</li></ul><script>x</script></div>');
    const nodes = new Set<Node>();
    for (let walker = document.createTreeWalker(el); walker.currentNode; ) {
      nodes.add(walker.currentNode);
      if (!walker.nextNode()) break;
    }
    const elements = [...nodes].filter((n) => n.nodeType === 1).length;
    const reads = (proto: object, key: string) => {
      const get = Object.getOwnPropertyDescriptor(proto, key)!.get!;
      return vi.spyOn(proto, key as never, 'get').mockImplementation(function (this: Node) {
        return get.call(this);
      } as never);
    };
    const types = reads(Node.prototype, 'nodeType');
    const tags = reads(Element.prototype, 'tagName');
    try {
      expect(textOf(el)).toBe('one two three a');
      // Inside the hidden item and the script nothing is read; everything else once.
      expect(types.mock.calls.length).toBeLessThanOrEqual(nodes.size);
      expect(tags.mock.calls.length).toBeLessThanOrEqual(elements);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('stops early on huge pages', () => {
    const el = body(`<p>${'word '.repeat(10_000)}</p><p>${'more '.repeat(10_000)}</p>`);
    expect(textOf(el, 100).length).toBeLessThan(60_000);
  });
});

describe('bounds', () => {
  it('clips at a word boundary and marks the cut', () => {
    const text = 'alpha beta gamma delta epsilon';
    expect(clip(text, 100)).toBe(text);
    const cut = clip(text, 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).toBe('alpha beta gamma…');
  });

  it('keeps titles to one line of at most 1000 characters', () => {
    expect(cleanTitle('  A\n  title\twith   spaces ')).toBe('A title with spaces');
    expect(cleanTitle('x'.repeat(5000)).length).toBe(1000);
    expect(cleanTitle(null)).toBe('');
  });

  it('keeps excerpts to at most 300 characters', () => {
    expect(excerptOf('word '.repeat(200))!.length).toBeLessThanOrEqual(300);
    expect(excerptOf('   ')).toBeUndefined();
  });

  it('caps page text at 8,000 characters and drops blank lines', () => {
    expect(capPageText('a\n\n\n  b  \n')).toBe('a\nb');
    expect(capPageText('line\n'.repeat(10_000)).length).toBe(8_000);
  });

  it('tidies lines: any whitespace but a line break becomes one space, lines are trimmed, blank ones dropped', () => {
    expect(tidyLines('  a \t b \r\n\u00a0\n\u2028\n c\u3000\n\n \n d  ')).toBe('a b\nc\nd');
    expect(tidyLines(' \n\t\n ')).toBe('');
    expect(tidyLines('one\ntwo')).toBe('one\ntwo');
  });

  it('deduplicates labels without regard to case, keeping the first spelling', () => {
    expect(cleanLabels([' Bug ', 'bug', 'flaky  test', '', 'BUG', 'e2e'])).toEqual(['Bug', 'flaky test', 'e2e']);
    expect(cleanLabels(Array.from({ length: 80 }, (_, i) => `l${i}`))).toHaveLength(50);
  });
});

describe('page helpers', () => {
  it('reads meta tags by name or property', () => {
    const doc = new DOMParser().parseFromString(
      '<html><head><meta name="a" content=" x "><meta property="og:url" content="u"></head></html>',
      'text/html',
    );
    expect(metaContent(doc, 'a')).toBe('x');
    expect(metaContent(doc, 'og:url')).toBe('u');
    expect(metaContent(doc, 'missing')).toBe('');
  });

  it('reads the meta tags the page has now, in the body too, after a read before a change', () => {
    const doc = new DOMParser().parseFromString(
      '<html><head><meta property="article:tag" content="a"></head><body><meta name="article:tag" content=" b "></body></html>',
      'text/html',
    );
    expect(metaContents(doc, 'article:tag')).toEqual(['a', 'b']);
    const later = doc.createElement('meta');
    later.setAttribute('property', 'article:tag');
    later.setAttribute('content', 'c');
    doc.head.append(later);
    expect(metaContents(doc, 'article:tag')).toEqual(['a', 'c', 'b']);
    doc.head.firstElementChild!.remove();
    expect(metaContent(doc, 'article:tag')).toBe('c');
  });

  it('finds the first of the selectors present, in the selectors\' order, not the page\'s', () => {
    const el = body('<div id="nav"><p class="late">x</p></div><main>m</main><article>a</article>');
    expect(firstPresent(el, ['article', 'main'])).toBe('article');
    expect(firstPresent(el, ['#missing', 'main', '.late'])).toBe('main');
    expect(firstPresent(el, ['#missing', '.late', 'main'])).toBe('.late');
    expect(firstPresent(el, ['#missing', 'section'])).toBeNull();
    expect(firstPresent(el, [])).toBeNull();
  });

  it('joins blocks without reading a nested one twice', () => {
    const el = body('<h1 id="t">Title</h1><div id="c"><p id="p">Body</p></div>');
    expect(joinedText(el, ['#t', '#c', '#p'], 1000)).toBe('Title\nBody');
  });

  it('reads a title, then the first content root present, else every body selector', () => {
    const el = body('<h1 id="t">Title</h1><div id="c"><p class="b">One</p></div><p class="b">Two</p>');
    expect(titleAndBodyText(el, ['#t'], ['.b'], ['#missing', '#c'])).toBe('Title\nOne');
    expect(titleAndBodyText(el, ['#t'], ['.b'], ['#missing'])).toBe('Title\nOne\nTwo');
  });
});
