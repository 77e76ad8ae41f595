import { createCssPainter, highlightApi } from './css-painter';
import { createMarkPainter } from './mark-painter';
import type { HighlightStyling } from './styles';
import type { Painter } from './types';

export type { PaintItem, Painter } from './types';
export { highlightName, FLASH_NAME } from './styles';

/** A painter for `doc`: the CSS Custom Highlight API where the browser has it, else `<mark>`s. */
export function createPainter(doc: Document, styling: HighlightStyling = {}): Painter {
  const api = highlightApi(doc);
  return api ? createCssPainter(doc, api, styling) : createMarkPainter(doc);
}
