import { describe } from '../anchoring';
import { clipQuote, type Anchor, type Source } from '../lesson';
import { contentRootSelector, detectSource } from '../sites';

/** What the capture card starts from: the page, and the selection if there is one. */
export interface CaptureStart {
  source: Source;
  quote: string;
  /** The selection was longer than a lesson keeps and was cut. */
  clipped: boolean;
  anchor?: Anchor;
}

/** Reads the page and the current selection; selections inside our own UI are ignored. */
export function captureStart(doc: Document, url: string): CaptureStart {
  const source = detectSource(url, doc);
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
  const selectors = describe(root, range);
  const { quote, clipped } = clipQuote(selectors.quote.exact);
  // A clipped quote is still the start of the selected text, so it anchors on that start.
  const anchor: Anchor = {
    root: inRoot ? rootSelector : 'body',
    quote: clipped ? { ...selectors.quote, exact: quote, suffix: '' } : selectors.quote,
    position: selectors.position && clipped
      ? { ...selectors.position, end: selectors.position.start + quote.length }
      : selectors.position,
  };
  return { source, quote, clipped, anchor };
}

function insideOurUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest('lessonmark-ui, [data-lessonmark-ui]') || node.getRootNode() instanceof ShadowRoot;
}
