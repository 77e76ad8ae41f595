// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { anchor, describe as describeRange, extractText } from '../anchoring';
import { createPainter } from './index';
import { COLOURS, highlightCss } from './styles';

function page(html: string): HTMLElement {
  const el = document.createElement('main');
  // Fixture markup written in this test, never data.
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

function rangeOf(root: Element, words: string): Range {
  const map = extractText(root);
  const at = map.text.indexOf(words);
  return map.rangeOf(at, at + words.length);
}

/**
 * The text of the marks of lesson `id`, found as the pointer finds them: each mark gets a box of
 * its own and `lessonsAt` is asked at its centre.
 */
function markTexts(root: Element, painter: ReturnType<typeof createPainter>, id: string): string[] {
  const marks = [...root.querySelectorAll('mark')];
  marks.forEach((m, i) => (m.getClientRects = () => [new DOMRect(0, i * 100, 50, 20)] as unknown as DOMRectList));
  return marks.filter((_, i) => painter.lessonsAt(10, i * 100 + 10).includes(id)).map((m) => m.textContent!);
}

const HTML = '<p>The <b>deploy failed</b> because the config was stale.</p><ul><li>Check owners</li><li>Rotate keys</li></ul>';

describe('createPainter without CSS.highlights (mark fallback)', () => {
  beforeEach(() => {
    document.body.replaceChildren();
    document.adoptedStyleSheets = [];
  });

  it('wraps exactly the ranges in marks tagged with their kind, never the lesson id, and styles them', () => {
    const root = page(HTML);
    const painter = createPainter(document);
    painter.paint([
      { id: 'lesson-a', kind: 'mistake', range: rangeOf(root, 'deploy failed because the') },
      { id: 'lesson-b', kind: 'improvement', range: rangeOf(root, 'owners Rotate') },
    ]);
    const marks = [...root.querySelectorAll('mark[data-lessonmark-ui="mark"]')];
    expect(marks.filter((m) => m.getAttribute('data-lessonmark-kind') === 'mistake').map((m) => m.textContent).join('')).toBe(
      'deploy failed because the',
    );
    expect(marks.filter((m) => m.getAttribute('data-lessonmark-kind') === 'improvement').map((m) => m.textContent)).toEqual(['owners', 'Rotate']);
    // The page's scripts read the marks: no lesson id on them.
    expect(root.innerHTML).not.toContain('lesson-');
    expect(markTexts(root, painter, 'lesson-a').join('')).toBe('deploy failed because the');
    expect(markTexts(root, painter, 'lesson-b')).toEqual(['owners', 'Rotate']);
    expect(root.querySelector('ul')!.children.length).toBe(2);
    expect(document.adoptedStyleSheets.length).toBe(1);
    expect(extractText(root).text).toBe('The deploy failed because the config was stale. Check owners Rotate keys');
  });

  it('restores the original DOM on clear, keeping the original text nodes', () => {
    const root = page(HTML);
    const before = root.innerHTML;
    const p = root.querySelector('p')!;
    const tail = p.lastChild as Text;
    const painter = createPainter(document);
    painter.paint([{ id: 'a', kind: 'experience', range: rangeOf(root, 'because the config') }]);
    expect(root.innerHTML).not.toBe(before);
    painter.clear();
    expect(root.innerHTML).toBe(before);
    expect(p.lastChild).toBe(tail);
    expect(root.querySelector('mark')).toBeNull();
    expect(document.adoptedStyleSheets.length).toBe(0);
  });

  it('handles overlapping lessons and repaints after re-anchoring over its own marks', () => {
    const root = page(HTML);
    const before = root.innerHTML;
    const a = describeRange(root, rangeOf(root, 'deploy failed because'));
    const b = describeRange(root, rangeOf(root, 'because the config'));
    const painter = createPainter(document);
    painter.paint([
      { id: 'a', kind: 'mistake', range: anchor(root, a)!.range },
      { id: 'b', kind: 'question', range: anchor(root, b)!.range },
    ]);
    expect(markTexts(root, painter, 'a').join('')).toContain('because');
    expect(markTexts(root, painter, 'b').join('')).toContain('because');
    // A second pass anchors over the marked-up page and repaints.
    painter.paint([{ id: 'b', kind: 'question', range: anchor(root, b)!.range }]);
    expect(markTexts(root, painter, 'a')).toEqual([]);
    expect(markTexts(root, painter, 'b').join('')).toBe('because the config');
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent).join('')).toBe('because the config');
    painter.clear();
    expect(root.innerHTML).toBe(before);
  });

  it('finds lessons under a point from the marks and flashes one', () => {
    const root = page(HTML);
    const painter = createPainter(document);
    painter.paint([{ id: 'a', kind: 'mistake', range: rangeOf(root, 'config was stale') }]);
    const mark = root.querySelector('mark')!;
    mark.getClientRects = () => [new DOMRect(10, 10, 50, 20)] as unknown as DOMRectList;
    expect(painter.lessonsAt(20, 15)).toEqual(['a']);
    expect(painter.lessonsAt(200, 15)).toEqual([]);
    painter.flash('a');
    expect(mark.hasAttribute('data-lessonmark-flash')).toBe(true);
    painter.flash('missing');
  });
});

describe('highlightCss', () => {
  it('has a rule per pillar, a flash rule and dark-theme colours', () => {
    const css = highlightCss();
    for (const kind of ['experience', 'mistake', 'performance', 'improvement', 'question']) {
      expect(css).toContain(`::highlight(lessonmark-${kind})`);
    }
    expect(css).toContain('::highlight(lessonmark-flash)');
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
  });

  it('styles every element’s highlights, unless the engine passes the root’s down to them', () => {
    const everyElement = highlightCss();
    expect(everyElement).not.toContain(':root::highlight(');
    const rootOnly = highlightCss({ inherited: true });
    const pseudos = rootOnly.match(/\S*::highlight\([a-z-]+\)/g) ?? [];
    // Five pillars and the flash, light and dark (the flash has no dark rule).
    expect(pseudos).toHaveLength(11);
    expect(pseudos.every((p) => p.startsWith(':root::highlight('))).toBe(true);
    // The fallback's marks are styled alike either way.
    expect(rootOnly.match(/mark\[/g)).toEqual(everyElement.match(/mark\[/g));
  });
});

describe('highlight colours', () => {
  /** Hue in degrees of an "r g b" triple. */
  const hue = (rgb: string) => {
    const [r, g, b] = rgb.split(' ').map((n) => Number(n) / 255);
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };

  it('keeps Experience away from the blue of a text selection (about 210°) and from Performance green', () => {
    for (const scheme of ['light', 'dark'] as const) {
      const experience = hue(COLOURS.experience[scheme]);
      expect(Math.abs(experience - 210)).toBeGreaterThan(20);
      expect(Math.abs(experience - hue(COLOURS.performance[scheme]))).toBeGreaterThan(25);
    }
  });
});
