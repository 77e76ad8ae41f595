/**
 * Reading text out of a page. Everything goes through `textOf`, which reads text nodes only: markup
 * in a page comes out as the characters it shows, and nothing is ever parsed or evaluated.
 */

export const MAX_TITLE_CHARS = 1000;
export const MAX_EXCERPT_CHARS = 300;
/**
 * A page's text for relatedness (the badge's read on every page load, and the side panel's): its
 * start, about 1,300 words, says what it is about. The badge's walk is cold on every page, and
 * costs with every node it touches: 8,000 characters took half the time of 20,000 on long pages.
 */
export const MAX_PAGE_TEXT_CHARS = 8_000;
export const MAX_LABEL_CHARS = 200;
export const MAX_LABELS = 50;

/** Elements whose text is never shown to a reader. */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'OBJECT']);

/** Elements after which a reader sees a break, so their words must not run together. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

/**
 * The text a reader sees in `node`: text nodes only, skipping scripts, styles and `hidden`
 * elements, with a line break after block elements. Stops collecting once `limit` is passed.
 */
export function rawTextOf(node: Node | null | undefined, limit = Infinity): string {
  if (!node || limit < 0) return '';
  const parts: string[] = [];
  let length = 0;
  // Each property read of a page's node from our isolated world crosses into the browser, and the
  // badge's walk runs cold on every page: each node's type and tag are read once.
  const walk = (n: Node, type: number): void => {
    let block = false;
    if (type === ELEMENT_NODE) {
      const tag = (n as Element).tagName;
      if (SKIPPED.has(tag) || (n as Element).hasAttribute('hidden')) return;
      block = BLOCKS.has(tag);
    } else if (type !== DOCUMENT_NODE && type !== FRAGMENT_NODE) return;
    // Past the limit, the siblings left are not even visited.
    for (let c = n.firstChild; c && length <= limit; c = c.nextSibling) {
      const t = c.nodeType;
      if (t === TEXT_NODE) {
        const text = c.nodeValue ?? '';
        parts.push(text);
        length += text.length;
      } else walk(c, t);
    }
    if (block) parts.push('\n');
  };
  if (node.nodeType === TEXT_NODE) return node.nodeValue ?? '';
  walk(node, node.nodeType);
  return parts.join('');
}

/** Whitespace collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Blank lines and runs of spaces collapsed, line structure kept. Whole-string passes, not a
 * callback per line: every page load runs this on up to 8,000 characters of often whitespace-heavy
 * text while it is still cold (a regular expression per line cost milliseconds on a Confluence page).
 */
export function tidyLines(text: string): string {
  // Other whitespace becomes one space; then each line break takes the spaces and blank lines around it.
  return text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\n ]*/g, '\n').trim();
}

/** The visible text of `node` on one line. */
export function textOf(node: Node | null | undefined, limit = Infinity): string {
  return collapse(rawTextOf(node, limit));
}

/** Cuts `text` to at most `max` characters, at a word boundary when one is near, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function cleanTitle(text: string | null | undefined): string {
  return clip(collapse(text ?? ''), MAX_TITLE_CHARS);
}

export function excerptOf(text: string | null | undefined): string | undefined {
  const clean = collapse(text ?? '');
  return clean ? clip(clean, MAX_EXCERPT_CHARS) : undefined;
}

export function capPageText(text: string): string {
  const tidy = tidyLines(text);
  return tidy.length <= MAX_PAGE_TEXT_CHARS ? tidy : tidy.slice(0, MAX_PAGE_TEXT_CHARS);
}

/** Labels trimmed, single-spaced, bounded, deduplicated without regard to case, first seen kept. */
export function cleanLabels(labels: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of labels) {
    const label = clip(collapse(raw), MAX_LABEL_CHARS);
    const key = label.toLowerCase();
    if (!label || seen.has(key)) continue;
    seen.add(key);
    out.push(label);
    if (out.length === MAX_LABELS) break;
  }
  return out;
}

/**
 * The page's `<meta>` elements. A live collection, not `querySelectorAll`: the browser keeps it
 * between calls while the document is unchanged, so the many reads of one identification or one
 * badge read walk a large page once, where each `querySelectorAll` walked all of it again.
 */
const metas = (doc: Document): Iterable<HTMLMetaElement> => doc.getElementsByTagName('meta');

/** `content` of `<meta name=…>` (or `property=…`), trimmed; empty when absent. */
export function metaContent(doc: Document, name: string): string {
  for (const el of metas(doc)) {
    if (el.getAttribute('name') === name || el.getAttribute('property') === name) {
      return (el.getAttribute('content') ?? '').trim();
    }
  }
  return '';
}

/** Every `content` of `<meta name|property=…>`, in document order. */
export function metaContents(doc: Document, name: string): string[] {
  const out: string[] = [];
  for (const el of metas(doc)) {
    if (el.getAttribute('name') === name || el.getAttribute('property') === name) {
      const c = (el.getAttribute('content') ?? '').trim();
      if (c) out.push(c);
    }
  }
  return out;
}

/** The first of `selectors` that matches an element with visible text, and that text. */
export function firstText(root: ParentNode, selectors: readonly string[], limit = Infinity): string {
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) {
      const text = textOf(el, limit);
      if (text) return text;
    }
  }
  return '';
}

/**
 * The first of `selectors` that matches anything, as the selector string; else null. One query for
 * all of them first: where none is present, as on most web pages, the page is walked once, not once
 * for each; and a selector the first match in the page answers to needs no query of its own.
 */
export function firstPresent(doc: ParentNode, selectors: readonly string[]): string | null {
  if (selectors.length === 0) return null;
  const first = doc.querySelector(selectors.join(', '));
  if (!first) return null;
  return selectors.find((s) => first.matches(s) || doc.querySelector(s) !== null) ?? null;
}

/** Visible text of every element matching `selector` under `root`. */
export function allTexts(root: ParentNode, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((el) => textOf(el)).filter(Boolean);
}

/**
 * A work item's text: its title, then its body, at most MAX_PAGE_TEXT_CHARS. The body is the first of
 * `roots` present in the page, else every element `body` matches.
 */
export function titleAndBodyText(
  doc: ParentNode,
  title: readonly string[],
  body: readonly string[],
  roots: readonly string[] = [],
): string {
  const root = firstPresent(doc, roots);
  return joinedText(doc, [...title, ...(root ? [root] : body)], MAX_PAGE_TEXT_CHARS);
}

/**
 * Text of the elements matching `selectors`, in selector order, each on its own lines; an element
 * inside one already taken is not read twice.
 */
export function joinedText(doc: ParentNode, selectors: readonly string[], limit: number): string {
  const taken: Element[] = [];
  const parts: string[] = [];
  let length = 0;
  for (const selector of selectors) {
    for (const el of doc.querySelectorAll(selector)) {
      if (taken.some((t) => t.contains(el))) continue;
      taken.push(el);
      const text = tidyLines(rawTextOf(el, limit - length));
      if (!text) continue;
      parts.push(text);
      length += text.length;
      if (length >= limit) return parts.join('\n');
    }
  }
  return parts.join('\n');
}
