import { z } from 'zod';
import { PILLARS, clipQuote, makeTitle, normalizeTags, type LessonInput, type Pillar } from '../lesson';
import { identifyPage } from '../sites/identify';
import type { DetectOptions } from '../sites/types';
import { v5 as uuidv5 } from 'uuid';

/**
 * Hypothesis' "Export annotations" JSON (hypothesis/client, `JSONExportContent`):
 * `{export_date, export_userid, client_version, annotations: APIAnnotationData[]}`. Annotations are
 * kept `unknown` here and read one by one so a strange record does not hide the others.
 */
export const HypothesisExportSchema = z.object({
  export_date: z.string().optional(),
  export_userid: z.string().nullish(),
  client_version: z.string().optional(),
  annotations: z.array(z.unknown()),
});

const SelectorSchema = z.looseObject({ type: z.string() });

export const HypothesisAnnotationSchema = z.looseObject({
  id: z.string().min(1),
  created: z.string(),
  updated: z.string(),
  user: z.string().optional(),
  uri: z.string(),
  text: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  references: z.array(z.string()).optional(),
  target: z.array(z.looseObject({ source: z.string().optional(), selector: z.array(SelectorSchema).optional() })).optional(),
  // The h API sends `title` as a list of titles; the client's own type says string. Take either.
  document: z.looseObject({ title: z.union([z.string(), z.array(z.string())]).optional() }).optional(),
  user_info: z.looseObject({ display_name: z.string().nullish() }).nullish(),
});
export type HypothesisAnnotation = z.infer<typeof HypothesisAnnotationSchema>;

export function looksLikeHypothesisExport(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const d = data as Record<string, unknown>;
  return Array.isArray(d.annotations) && ('export_date' in d || 'client_version' in d || 'export_userid' in d);
}

/** The same Hypothesis annotation always becomes the same lesson id, so a re-import updates it. */
export function lessonIdForHypothesis(annotationId: string): string {
  // As UTF-8 bytes: uuid's own string path (encodeURIComponent) throws on a lone surrogate.
  return uuidv5(new TextEncoder().encode(`https://hypothes.is/a/${annotationId}`), uuidv5.URL);
}

/** Hypothesis has microsecond timestamps; ours are milliseconds in UTC. Unparseable dates stay as they are for the schema to report. */
function isoDate(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

/** `acct:alice@hypothes.is` → `alice`. */
function authorOf(a: HypothesisAnnotation): string | undefined {
  const display = a.user_info?.display_name?.trim();
  if (display) return display;
  const m = a.user?.match(/^acct:([^@]+)@/);
  return m?.[1] ?? a.user;
}

/** A tag naming one of our pillars picks the kind; otherwise an annotation is an `experience`. */
function kindOf(tags: string[]): Pillar {
  return PILLARS.find((p) => tags.includes(p)) ?? 'experience';
}

function selectorOf<T extends string>(selectors: { type: string }[], type: T): (Record<string, unknown> & { type: T }) | undefined {
  return selectors.find((s) => s.type === type) as (Record<string, unknown> & { type: T }) | undefined;
}

/**
 * Maps a Hypothesis annotation onto a lesson, still to be validated by `LessonSchema`. Replies
 * (annotations with `references`) are not lessons; the caller skips them. The page is keyed as a
 * capture there would key it (an annotation on a GitHub pull request belongs to that pull request),
 * so the lesson is highlighted and listed there; `options` names self-hosted installations.
 */
export function hypothesisToLesson(a: HypothesisAnnotation, options: DetectOptions = {}): LessonInput {
  const target = a.target?.[0];
  const page = identifyPage(target?.source || a.uri, undefined, options);
  const selectors = target?.selector ?? [];
  const tq = selectorOf(selectors, 'TextQuoteSelector');
  const tp = selectorOf(selectors, 'TextPositionSelector');
  const exact = typeof tq?.exact === 'string' ? clipQuote(tq.exact).quote : '';
  const note = a.text ?? '';
  const tags = normalizeTags(a.tags ?? []);
  const rawTitle = a.document?.title;
  const pageTitle = (Array.isArray(rawTitle) ? rawTitle[0] : rawTitle) ?? '';

  const lesson: LessonInput = {
    id: lessonIdForHypothesis(a.id),
    kind: kindOf(tags),
    title: makeTitle({ note, answers: [], quote: exact }),
    quote: exact,
    note,
    tags,
    source: { ...page, title: pageTitle.slice(0, 1000), labels: [] },
    visibility: 'private',
    createdAt: isoDate(a.created),
    updatedAt: isoDate(a.updated),
  };
  const author = authorOf(a);
  if (author) lesson.author = author.slice(0, 200);
  if (exact) {
    const prefix = typeof tq?.prefix === 'string' ? tq.prefix.slice(-200) : '';
    const suffix = typeof tq?.suffix === 'string' ? tq.suffix.slice(0, 200) : '';
    // Hypothesis counts offsets in the text of the whole body, as our `root: 'body'` does.
    const hasPosition = typeof tp?.start === 'number' && typeof tp?.end === 'number';
    lesson.anchor = {
      quote: { exact, prefix, suffix },
      ...(hasPosition ? { position: { start: tp.start as number, end: tp.end as number } } : {}),
      root: 'body',
    };
  }
  return lesson;
}
