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

export interface WebAnnotation {
  '@context': typeof ANNO_CONTEXT;
  type: 'Annotation';
  id: string;
  created: string;
  modified: string;
  motivation: Motivation;
  creator?: { type: 'Person'; name: string };
  body: TextualBody[];
  target: {
    source: string;
    selector?: (
      | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
      | { type: 'TextPositionSelector'; start: number; end: number }
    )[];
  };
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

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
  // The pillar travels as a tag so that tools which only know tags still see it.
  for (const tag of [l.kind, ...l.tags.filter((t) => t !== l.kind)]) {
    out.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  }
  return out;
}

function target(l: Lesson): WebAnnotation['target'] {
  const selector: NonNullable<WebAnnotation['target']['selector']> = [];
  if (l.anchor) {
    const q = l.anchor.quote;
    selector.push({ type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix });
    const p = l.anchor.position;
    if (p) selector.push({ type: 'TextPositionSelector', start: p.start, end: p.end });
  } else if (l.quote) {
    selector.push({ type: 'TextQuoteSelector', exact: l.quote });
  }
  return selector.length ? { source: l.source.url, selector } : { source: l.source.url };
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

export function toAnnotationCollection(
  lessons: readonly Lesson[],
  opts: SelectOptions & { label?: string } = {},
): AnnotationCollection {
  const items = selectLessons(lessons, opts).map(toWebAnnotation);
  return {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: opts.label ?? 'Lessonmark lessons',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

export function exportWebAnnotations(lessons: readonly Lesson[], opts: SelectOptions & { label?: string } = {}): string {
  return `${JSON.stringify(toAnnotationCollection(lessons, opts), null, 2)}\n`;
}
