import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { KINDS, MAX_TITLE, PILLARS, clipQuote, makeTitle, normalizeTags, type Anchor, type Kind, type LessonInput } from '../lesson';
import { identifyPage } from '../sites/identify';
import type { DetectOptions } from '../sites/types';
import { t } from '../i18n';

/**
 * W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/) from any tool: a single
 * annotation, a list of them, an AnnotationPage, or an AnnotationCollection with its pages
 * embedded. The model lets most properties be one value or a list, and a resource be an IRI or an
 * object; everything here reads both.
 */

const ANNO_CONTEXT = /^https?:\/\/www\.w3\.org\/ns\/anno\.jsonld$/;
const CONTAINER_TYPES = ['AnnotationCollection', 'AnnotationPage'];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (v: Json): string[] => list(v.type ?? v['@type']).filter((t): t is string => typeof t === 'string');

function hasAnnoContext(v: Json): boolean {
  return list(v['@context']).some((c) => typeof c === 'string' && ANNO_CONTEXT.test(c));
}

function isAnnotationLike(v: unknown): boolean {
  return isObject(v) && (typesOf(v).includes('Annotation') || (hasAnnoContext(v) && 'target' in v));
}

/** Whether a parsed file is Web Annotation JSON-LD rather than another export. */
export function looksLikeWebAnnotation(data: unknown): boolean {
  // One broken record in a list must not hide the others: it is listed as invalid.
  if (Array.isArray(data)) return data.some(isAnnotationLike);
  if (!isObject(data)) return false;
  return isAnnotationLike(data) || typesOf(data).some((t) => CONTAINER_TYPES.includes(t));
}

/** The annotations a file holds, in order, or why they cannot be read. */
export function annotationsIn(data: unknown): { annotations: unknown[] } | { error: string } {
  if (Array.isArray(data)) return { annotations: data };
  if (!isObject(data)) return { error: t('importFile.webanno.neither') };
  const types = typesOf(data);
  if (types.includes('AnnotationPage')) return itemsOf([data]);
  if (!types.includes('AnnotationCollection')) return { annotations: [data] };
  if (data.first === undefined) {
    return Number(data.total) > 0
      ? { error: t('importFile.webanno.noPages') }
      : { annotations: [] };
  }
  if (!isObject(data.first)) {
    return { error: t('importFile.webanno.linkedPages') };
  }
  // Pages are embedded one after the other through `next`; a page only linked to is not in the file.
  const pages: Json[] = [];
  for (let page: unknown = data.first; isObject(page) && pages.length < 10_000; page = page.next) pages.push(page);
  return itemsOf(pages);
}

function itemsOf(pages: Json[]): { annotations: unknown[] } | { error: string } {
  const out: unknown[] = [];
  for (const [i, page] of pages.entries()) {
    if (!Array.isArray(page.items)) return { error: t('importFile.webanno.noItems', { page: String(i + 1) }) };
    out.push(...page.items);
  }
  return { annotations: out };
}

/** What every annotation must have to be read at all; the rest is read leniently, one field at a time. */
export const WebAnnotationSchema = z.looseObject({
  id: z.string({ error: 'an annotation needs an id' }).min(1, 'an annotation needs an id'),
  target: z.unknown().refine((t) => t !== undefined && t !== null, 'an annotation needs a target'),
  created: z.string().optional(),
  modified: z.string().optional(),
  motivation: z.unknown().optional(),
  creator: z.unknown().optional(),
  body: z.unknown().optional(),
  bodyValue: z.string().optional(),
});
export type WebAnnotation = z.infer<typeof WebAnnotationSchema>;

/**
 * Our own export names lessons `urn:uuid:<id>`, so a lesson comes back as itself. Any other id (an
 * IRI, or what a tool left relative) gives a UUID v5 of itself: a re-import updates, and a Hypothesis
 * annotation (`https://hypothes.is/a/<id>`) is the same lesson its Hypothesis export makes.
 */
export function lessonIdForAnnotation(id: string): string {
  const own = id.match(/^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i);
  if (own) return own[1].toLowerCase();
  return uuidv5(new TextEncoder().encode(id), uuidv5.URL);
}

/** Selectors we cannot place text with, in the words a person would use. */
const UNSUPPORTED: Record<string, string> = {
  SvgSelector: 'a shape drawn on an image (SvgSelector)',
  FragmentSelector: 'a fragment of the page, such as a region of an image or a named part (FragmentSelector)',
  XPathSelector: 'an XPath into the page, without the quoted text (XPathSelector)',
  RangeSelector: 'a range between two other selectors, without the quoted text (RangeSelector)',
  DataPositionSelector: 'byte positions in a file (DataPositionSelector)',
  TextPositionSelector: 'character positions without the quoted text to check them against (TextPositionSelector)',
  CssSelector: 'an element of the page, without the quoted text (CssSelector)',
};

/** A page, and where on it, as read from one target. */
interface Place {
  url: string | undefined;
  anchor?: Anchor;
  /** Why a target's selectors gave no place on the page, when they gave none. */
  unsupported?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function quoteOf(s: Json): Anchor['quote'] | undefined {
  const exact = str(s.exact);
  if (!exact || !typesOf(s).includes('TextQuoteSelector')) return undefined;
  return {
    type: 'TextQuoteSelector',
    exact: clipQuote(exact).quote,
    prefix: typeof s.prefix === 'string' ? s.prefix.slice(-200) : '',
    suffix: typeof s.suffix === 'string' ? s.suffix.slice(0, 200) : '',
  };
}

function positionOf(s: Json): Anchor['position'] | undefined {
  if (!typesOf(s).includes('TextPositionSelector')) return undefined;
  const { start, end } = s;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (start as number) < 0 || (end as number) < (start as number)) return undefined;
  return { type: 'TextPositionSelector', start: start as number, end: end as number };
}

/** Quote and position among alternative selectors (a list of selectors are alternatives for the same text). */
function textIn(alternatives: Json[]): Pick<Anchor, 'quote' | 'position'> | undefined {
  const quote = alternatives.map(quoteOf).find(Boolean);
  if (!quote) return undefined;
  const position = alternatives.map(positionOf).find(Boolean);
  return position ? { quote, position } : { quote };
}

/**
 * The anchor among a target's selectors. A CssSelector refined by text selectors is a content root
 * (positions count within it); text selectors at the top count in the whole page. Any other
 * selector refined by a quote (a fragment or XPath) keeps the quote, which holds in the whole page.
 */
function anchorOf(selectors: Json[]): { anchor?: Anchor; unsupported?: string } {
  for (const s of selectors) {
    const root = str(s.value);
    const refined = textIn(list(s.refinedBy).filter(isObject));
    if (typesOf(s).includes('CssSelector') && root && refined && root.length <= 500) return { anchor: { ...refined, root } };
  }
  const top = textIn(selectors);
  if (top) return { anchor: { ...top, root: 'body' } };
  for (const s of selectors) {
    const refined = textIn(list(s.refinedBy).filter(isObject));
    if (refined) return { anchor: { quote: refined.quote, root: 'body' } };
  }
  if (!selectors.length) return {};
  const names = [...new Set(selectors.map((s) => typesOf(s)[0] ?? 'a selector without a type'))];
  return { unsupported: names.map((n) => UNSUPPORTED[n] ?? `${n}, which Lessonmark does not know`).join('; ') };
}

function placeOf(target: unknown): Place {
  if (typeof target === 'string') return { url: target };
  if (!isObject(target)) return { url: undefined };
  // A List, Set or Choice of targets: the first one names the page.
  if (Array.isArray(target.items)) return placeOf(target.items[0]);
  const source = isObject(target.source) ? str(target.source.id) : str(target.source);
  if (!source) return { url: str(target.id) };
  return { url: source, ...anchorOf(list(target.selector).filter(isObject)) };
}

/** `acct:alice@hypothes.is` → `alice`; a name or nickname when the creator has one. */
function authorOf(creator: unknown): string | undefined {
  const first = list(creator)[0];
  if (isObject(first)) {
    const name = str(first.name) ?? str(first.nickname) ?? list(first.name).find((n): n is string => typeof n === 'string');
    if (name?.trim()) return name.trim().slice(0, 200);
    return authorOf(first.id);
  }
  const id = str(first);
  const m = id?.match(/^(?:acct|mailto):([^@]+)@/);
  return m?.[1].slice(0, 200);
}

/** HTML bodies are kept as their text; the note is shown as text, never as markup. */
function plainText(value: string, format: unknown): string {
  if (format !== 'text/html') return value;
  return value
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6])\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Texts {
  titles: string[];
  notes: string[];
  tags: string[];
}

/** Sorts bodies by purpose; a body without one serves the annotation's motivation. */
function readBodies(bodies: unknown[], motivation: string | undefined, into: Texts) {
  for (const body of bodies) {
    if (typeof body === 'string') {
      // An IRI body (a comment published elsewhere) is kept as its link.
      into.notes.push(body);
      continue;
    }
    if (!isObject(body)) continue;
    // A Choice offers the same body in several forms (languages, formats): the first is enough.
    if (typesOf(body).includes('Choice')) {
      readBodies(list(body.items).slice(0, 1), motivation, into);
      continue;
    }
    const purpose = list(body.purpose).find((p): p is string => typeof p === 'string') ?? motivation;
    const value = typeof body.value === 'string' ? plainText(body.value, body.format).trim() : (str(body.source) ?? str(body.id));
    if (!value) continue;
    if (purpose === 'tagging' || purpose === 'classifying') into.tags.push(value);
    // A description longer than a title is kept whole, in the note.
    else if (purpose === 'describing' && typeof body.value === 'string' && value.length <= MAX_TITLE) into.titles.push(value);
    else into.notes.push(value);
  }
}

/**
 * The pillar: our own export writes it as the first tag. Another tool's tags name one now and then
 * (Hypothesis users tag `mistake`); otherwise a question is a question and anything else an experience.
 */
function kindOf(tags: string[], motivation: string | undefined): { kind: Kind; tags: string[] } {
  const [first, ...rest] = tags;
  if (first && (KINDS as readonly string[]).includes(first)) return { kind: first as Kind, tags: rest };
  const pillar = PILLARS.find((p) => tags.includes(p));
  if (pillar) return { kind: pillar, tags };
  return { kind: motivation === 'questioning' ? 'question' : 'experience', tags };
}

function isoDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

export type ReadAnnotation =
  | {
      lesson: LessonInput;
      /** What the lesson could not keep of the annotation, for the preview to list. */
      notKept: string[];
    }
  | { error: string };

/**
 * Maps one annotation onto a lesson, still to be validated by `LessonSchema`. The page is keyed as
 * a capture there would key it (an annotation on a Jira issue belongs to that issue), so the lesson
 * is highlighted and listed there. An annotation without dates is dated `now`.
 */
export function webAnnotationToLesson(a: WebAnnotation, options: DetectOptions = {}, now = new Date()): ReadAnnotation {
  const places = list(a.target).map(placeOf);
  const place = places.find((p) => p.url);
  if (!place?.url) return { error: t('importFile.webanno.noSource') };
  const notKept: string[] = [];
  if (place.unsupported) notKept.push(t('importFile.webanno.wholePage', { place: place.unsupported }));
  const pages = new Set(places.map((p) => p.url).filter(Boolean));
  // A lesson is about one page.
  if (pages.size > 1) notKept.push(t('importFile.webanno.firstPage', { n: String(pages.size), url: place.url }));
  const page = identifyPage(place.url, undefined, options);
  const motivation = list(a.motivation).find((m): m is string => typeof m === 'string');
  const texts: Texts = { titles: [], notes: [], tags: [] };
  readBodies(list(a.body), motivation, texts);
  if (a.bodyValue?.trim()) texts.notes.push(a.bodyValue.trim());
  const { kind, tags } = kindOf(normalizeTags(texts.tags), motivation);
  const note = texts.notes.join('\n\n');
  const quote = place.anchor?.quote.exact ?? '';
  const title = texts.titles[0] ?? makeTitle({ note, answers: [], quote });
  const createdAt = isoDate(a.created) ?? isoDate(a.modified) ?? now.toISOString();
  const author = authorOf(a.creator);

  const lesson: LessonInput = {
    id: lessonIdForAnnotation(a.id),
    kind,
    title,
    quote,
    note,
    tags,
    source: { ...page, title: '', labels: [] },
    visibility: 'private',
    createdAt,
    updatedAt: isoDate(a.modified) ?? createdAt,
  };
  if (author) lesson.author = author;
  if (place.anchor) lesson.anchor = place.anchor;
  if (kind === 'question' && title) lesson.question = { text: title.slice(0, 1000), askedAt: createdAt, ...(author ? { askedBy: author } : {}) };
  return { lesson, notKept };
}

/** Why an annotation is not a lesson, when it is not: replies, and links between other annotations. */
export function notALesson(a: WebAnnotation, idsInFile: ReadonlySet<string>): string | undefined {
  const motivations = list(a.motivation);
  if (motivations.includes('replying')) return t('importFile.reply');
  const targets = list(a.target).map((t) => (typeof t === 'string' ? t : isObject(t) ? (str(t.source) ?? str(t.id)) : undefined));
  if (targets.length && targets.every((t) => t !== undefined && idsInFile.has(t))) return t('importFile.webanno.aboutOthers');
  return undefined;
}
