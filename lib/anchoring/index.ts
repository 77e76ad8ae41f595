export { describe, anchor, anchorAll, anchorAllChunked, type Anchored, type ChunkOptions } from './anchor';
export { extractText, type TextMap } from './text-map';
export { matchQuote, type QuoteMatch, type QuoteQuery } from './match-quote';
export { UI_ATTR, UI_HOST, UI_MARK } from './ui';
