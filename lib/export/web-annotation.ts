import { v5 as uuidv5 } from 'uuid';
import { lessonTitle, type Lesson } from '../lesson';
import { selectLessons, type SelectOptions } from './order';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export type Motivation = 'commenting' | 'questioning' | 'highlighting';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format?: 'text/plain';
  purpose: 'commenting' | 'tagging' | 'describing';
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}
/** The content root; the text selectors it is refined by count and quote within it. */
export interface CssSelector {
  type: 'CssSelector';
  value: string;
  refinedBy: (TextQuoteSelector | TextPositionSelector)[];
}
export type Selector = TextQuoteSelector | TextPositionSelector | CssSelector;

export interface SpecificResource {
  type: 'SpecificResource';
  source: string;
  selector: Selector[];
}

export interface WebAnnotation {
  '@context': typeof ANNO_CONTEXT;
  type: 'Annotation';
  id: string;
  created: string;
  modified: string;
  motivation: Motivation;
  creator?: { type: 'Person'; name: string };
  body: TextualBody[];
  /** The page itself (its IRI) when the lesson is about the whole page, else the text on it. */
  target: string | SpecificResource;
}

export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  partOf: { id: string; label: string; total: number };
  startIndex: 0;
  items: WebAnnotation[];
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: AnnotationPage;
  last: string;
}

/** The root our anchors count from when the page has no better one. */
export const WHOLE_PAGE_ROOT = 'body';

function motivation(l: Lesson): Motivation {
  if (l.kind === 'question') return 'questioning';
  const hasText = l.note.trim() || l.answers.some((a) => a.answer.trim());
  return hasText || !l.quote.trim() ? 'commenting' : 'highlighting';
}

function bodies(l: Lesson): TextualBody[] {
  const title = lessonTitle(l);
  const out: TextualBody[] = [{ type: 'TextualBody', value: title, format: 'text/plain', purpose: 'describing' }];
  const text = [
    l.question?.text === title ? undefined : l.question?.text,
    l.note,
    ...l.answers.filter((a) => a.answer.trim()).map((a) => `${a.question}\n${a.answer}`),
  ]
    .filter((t): t is string => !!t?.trim())
    .join('\n\n');
  if (text) out.push({ type: 'TextualBody', value: text, format: 'text/plain', purpose: 'commenting' });
  // The pillar travels as the first tag so that tools which only know tags still see it.
  for (const tag of [l.kind, ...l.tags.filter((t) => t !== l.kind)]) {
    out.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  }
  return out;
}

function target(l: Lesson): WebAnnotation['target'] {
  if (l.anchor) {
    const { quote, position, root } = l.anchor;
    const text: (TextQuoteSelector | TextPositionSelector)[] = [
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    ];
    if (position) text.push({ type: 'TextPositionSelector', start: position.start, end: position.end });
    if (root === WHOLE_PAGE_ROOT) return { type: 'SpecificResource', source: l.source.url, selector: text };
    // Positions count from the content root, so they only hold inside it. The quote alone holds in
    // the whole page too: it is the alternative for tools that do not refine selectors.
    return {
      type: 'SpecificResource',
      source: l.source.url,
      selector: [{ type: 'CssSelector', value: root, refinedBy: text }, text[0]],
    };
  }
  if (l.quote) return { type: 'SpecificResource', source: l.source.url, selector: [{ type: 'TextQuoteSelector', exact: l.quote }] };
  return l.source.url;
}

/** A lesson as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/). */
export function toWebAnnotation(l: Lesson): WebAnnotation {
  const anno: WebAnnotation = {
    '@context': ANNO_CONTEXT,
    type: 'Annotation',
    id: `urn:uuid:${l.id}`,
    created: l.createdAt,
    modified: l.updatedAt,
    motivation: motivation(l),
    body: bodies(l),
    target: target(l),
  };
  if (l.author) anno.creator = { type: 'Person', name: l.author };
  return anno;
}

/**
 * The collection is named by what it holds: the same lessons in the same versions give the same
 * id, so a tool that imports the file twice sees one collection.
 */
function collectionId(items: readonly WebAnnotation[]): string {
  const content = items.map((i) => `${i.id} ${i.modified}`).join('\n');
  return `urn:uuid:${uuidv5(new TextEncoder().encode(`lessonmark:collection\n${content}`), uuidv5.URL)}`;
}

export function toAnnotationCollection(
  lessons: readonly Lesson[],
  opts: SelectOptions & { label?: string } = {},
): AnnotationCollection {
  const items = selectLessons(lessons, opts).map(toWebAnnotation);
  const id = collectionId(items);
  const label = opts.label ?? 'Lessonmark lessons';
  // One page holds them all: it is both the first and the last.
  const page = `${id}:page:1`;
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { id: page, type: 'AnnotationPage', partOf: { id, label, total: items.length }, startIndex: 0, items },
    last: page,
  };
}

export function exportWebAnnotations(lessons: readonly Lesson[], opts: SelectOptions & { label?: string } = {}): string {
  return `${JSON.stringify(toAnnotationCollection(lessons, opts), null, 2)}\n`;
}
