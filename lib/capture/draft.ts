import { describe } from '../anchoring';
import { MAX_QUOTE, clipQuote, type Anchor, type Selectors, type Source } from '../lesson';
import { contentRootSelector, detectSource, type DetectOptions } from '../sites';

/** What the capture card starts from: the page, and the selection if there is one. */
export interface CaptureStart {
  source: Source;
  quote: string;
  /** The selection was longer than a lesson keeps and was cut. */
  clipped: boolean;
  anchor?: Anchor;
}

/** Reads the page and the current selection; selections inside our own UI are ignored. */
export function captureStart(doc: Document, url: string, options: DetectOptions = {}): CaptureStart {
  const source = detectSource(url, doc, options);
  const selection = doc.getSelection();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const text = range ? range.toString() : '';
  if (!range || !text.trim() || insideOurUi(range.commonAncestorContainer)) {
    return { source, quote: '', clipped: false };
  }
  const rootSelector = contentRootSelector(source.site, doc);
  const candidate = doc.querySelector(rootSelector);
  const inRoot = candidate?.contains(range.commonAncestorContainer) ?? false;
  const root = inRoot && candidate ? candidate : doc.body;
  // describe() keeps at most MAX_QUOTE characters: the start of a longer selection, which still anchors.
  let selectors: Selectors;
  try {
    selectors = describe(root, range);
  } catch {
    // Selected text the page doesn't show (hidden or ours) can't be anchored: keep it as a quote.
    return { source, ...clipQuote(text.replace(/\s+/g, ' ').trim()) };
  }
  const clipped = text.replace(/\s+/g, ' ').trim().length > MAX_QUOTE;
  const anchor: Anchor = { ...selectors, root: inRoot ? rootSelector : 'body' };
  return { source, quote: selectors.quote.exact, clipped, anchor };
}

function insideOurUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest('lessonmark-ui, [data-lessonmark-ui]') || node.getRootNode() instanceof ShadowRoot;
}
