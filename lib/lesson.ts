import { z } from 'zod';
import { KINDS, MAX_NOTE, MAX_QUOTE, MAX_TAGS, MAX_TITLE, PILLARS, VISIBILITIES, normalizeTags } from './lesson-basics';
import { SITES } from './sites/registry';

export * from './lesson-basics';

export const KindSchema = z.enum(KINDS);
export const PillarSchema = z.enum(PILLARS);
export const SiteSchema = z.enum(SITES);
export const VisibilitySchema = z.enum(VISIBILITIES);

export type Kind = z.infer<typeof KindSchema>;
export type Pillar = z.infer<typeof PillarSchema>;
export type Site = z.infer<typeof SiteSchema>;
export type Visibility = z.infer<typeof VisibilitySchema>;

export const TagsSchema = z.array(z.string().max(200)).max(MAX_TAGS).transform(normalizeTags);

const IsoDate = z.iso.datetime({ offset: true });
const ShortText = z.string().max(500);

export const SourceSchema = z.object({
  url: z.string().max(4096),
  site: SiteSchema,
  /** Stable key of the work item: `jira:<host>:ACME-123`, `confluence:<host>:<id>`, `github:o/r#12`, or the URL. */
  workItem: z.string().min(1).max(4096),
  title: z.string().max(1000).default(''),
  project: z.string().max(200).optional(),
  labels: z.array(ShortText).max(100).default([]),
  status: z.string().max(200).optional(),
  excerpt: z.string().max(2000).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** W3C Web Annotation TextQuoteSelector. */
export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector').default('TextQuoteSelector'),
  exact: z.string().min(1).max(MAX_QUOTE),
  prefix: z.string().max(200).default(''),
  suffix: z.string().max(200).default(''),
});
/** W3C Web Annotation TextPositionSelector, offsets into the content root's text. */
export const TextPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector').default('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((p) => p.end >= p.start, { message: 'end must not precede start' });

/** What `describe()` produces and `anchor()` consumes. */
export const SelectorsSchema = z.object({
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema.optional(),
});
export type Selectors = z.infer<typeof SelectorsSchema>;
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

export const AnchorSchema = SelectorsSchema.extend({
  /** CSS selector of the content root the selectors are relative to. */
  root: z.string().max(500).default('body'),
});
export type Anchor = z.infer<typeof AnchorSchema>;

export const AnswerSchema = z.object({
  question: ShortText,
  answer: z.string().max(MAX_NOTE).default(''),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const ActionSchema = z.object({
  id: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(1000),
  owner: z.string().max(200).optional(),
  /** A calendar day, YYYY-MM-DD, in the person's own time zone. */
  due: z.iso.date().optional(),
  done: z.boolean().default(false),
  doneAt: IsoDate.optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/** The question a `question` lesson was asked as; kept when it is answered. */
export const QuestionSchema = z.object({
  text: z.string().trim().min(1).max(1000),
  askedBy: z.string().max(200).optional(),
  askedAt: IsoDate,
});

/**
 * A secret or piece of personal data the author chose to share as it is (lib/redact): its kind and
 * the SHA-256 of kind and text, never the text. Without it, a lesson holding a secret is not pushed.
 */
export const KeptSecretSchema = z.object({
  kind: z.string().min(1).max(100),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type KeptSecret = z.infer<typeof KeptSecretSchema>;

/** The editable fields, without defaults: a patch must not fill in what it does not name. */
const editable = {
  kind: KindSchema,
  title: z.string().max(MAX_TITLE),
  quote: z.string().max(MAX_QUOTE),
  note: z.string().max(MAX_NOTE),
  answers: z.array(AnswerSchema).max(10),
  actions: z.array(ActionSchema).max(50),
  tags: TagsSchema,
  anchor: AnchorSchema,
  visibility: VisibilitySchema,
  question: QuestionSchema,
  keptSecrets: z.array(KeptSecretSchema).max(200),
};

/** Fields a person (or an import) provides; everything else is filled in by the store. */
export const LessonDraftSchema = z.object({
  kind: editable.kind,
  title: editable.title.default(''),
  quote: editable.quote.default(''),
  note: editable.note.default(''),
  answers: editable.answers.default([]),
  actions: editable.actions.default([]),
  tags: editable.tags.default([]),
  source: SourceSchema,
  anchor: editable.anchor.optional(),
  visibility: editable.visibility.default('private'),
  question: editable.question.optional(),
  keptSecrets: editable.keptSecrets.optional(),
});
export type LessonDraft = z.output<typeof LessonDraftSchema>;
export type LessonDraftInput = z.input<typeof LessonDraftSchema>;

export const LessonSchema = LessonDraftSchema.extend({
  id: z.uuid(),
  author: z.string().max(200).optional(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  /** Tombstone: a deleted lesson is kept so that the deletion can be undone and synced. */
  deletedAt: IsoDate.optional(),
  /** Times someone marked the lesson "this helped". */
  helped: z.number().int().nonnegative().default(0),
  /** Sync bookkeeping: the team endpoint's version of this lesson, when it has one. */
  serverVersion: z.number().int().nonnegative().optional(),
});
export type Lesson = z.output<typeof LessonSchema>;
export type LessonInput = z.input<typeof LessonSchema>;

/** Fields that may be changed after capture. */
export const LessonPatchSchema = z.object(editable).partial();
export type LessonPatch = z.output<typeof LessonPatchSchema>;

