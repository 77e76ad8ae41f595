import { zipSync, strToU8 } from 'fflate';
import { lessonTitle, type Action, type Lesson } from '../lesson';
import { askedAs, KIND_LABEL } from '../pillars';
import { blockquote, escapeBlock, escapeInline, link } from './markdown-escape';
import { groupByKind, selectLessons, type SelectOptions } from './order';
import { slugify, uniqueNames } from './slug';
import { t } from '../i18n';


export interface MarkdownOptions extends SelectOptions {
  now?: Date;
  title?: string;
}

/** A calendar day from an ISO timestamp, as stored (UTC), so an export reads the same everywhere. */
const day = (iso: string) => iso.slice(0, 10);

export function actionLine(a: Action): string {
  const details = [a.owner && escapeInline(a.owner), a.due && t('export.due', { day: a.due })].filter(Boolean);
  return `- [${a.done ? 'x' : ' '}] ${escapeInline(a.text)}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** One lesson as Markdown, its title a heading of the given level. */
export function lessonToMarkdown(lesson: Lesson, level = 3): string {
  const parts: string[] = [`${'#'.repeat(level)} ${escapeInline(lessonTitle(lesson))}`];
  const meta = [`**${KIND_LABEL[lesson.kind]}**`, t('export.captured', { day: day(lesson.createdAt) })];
  if (lesson.author) meta.push(t('export.by', { author: escapeInline(lesson.author) }));
  if (lesson.deletedAt) meta.push(t('export.deleted', { day: day(lesson.deletedAt) }));
  parts.push(meta.join(' · '));
  if (lesson.question) parts.push(`**${t('export.question')}** ${escapeInline(lesson.question.text)}`);
  if (lesson.quote.trim()) parts.push(blockquote(lesson.quote));
  const note = escapeBlock(lesson.note);
  if (note.length) parts.push(note.join('\n'));
  for (const a of lesson.answers) {
    const answer = escapeBlock(a.answer);
    if (answer.length) parts.push(`**${escapeInline(askedAs(a.question))}**\n\n${answer.join('\n')}`);
  }
  if (lesson.actions.length) parts.push(`**${t('export.actions')}**\n\n${lesson.actions.map(actionLine).join('\n')}`);
  if (lesson.tags.length) parts.push(`**${t('export.tags')}** ${lesson.tags.map(escapeInline).join(', ')}`);
  const src = lesson.source;
  const where = [link(src.title, src.url)];
  if (src.workItem !== src.url) where.push(`(${escapeInline(src.workItem)})`);
  parts.push(`**${t('export.source')}** ${where.join(' ')}`);
  return `${parts.join('\n\n')}\n`;
}

/** Every lesson in one document, grouped by pillar with mistakes first, oldest first within a group. */
export function exportMarkdown(lessons: readonly Lesson[], opts: MarkdownOptions = {}): string {
  const chosen = selectLessons(lessons, opts);
  const out = [
    `# ${escapeInline(opts.title ?? t('export.title'))}`,
    `_${t('export.summary', chosen.length, { day: day((opts.now ?? new Date()).toISOString()) })}_`,
  ];
  for (const group of groupByKind(chosen)) {
    out.push(`## ${group.heading}`);
    for (const l of group.lessons) out.push(lessonToMarkdown(l, 3).trimEnd());
  }
  return `${out.join('\n\n')}\n`;
}

/** File names for one-file-per-lesson: capture day then title, slugified and unique. */
export function lessonFileNames(lessons: readonly Lesson[]): string[] {
  return uniqueNames(
    lessons.map((l) => `${day(l.createdAt)}-${slugify(lessonTitle(l)) || l.id.slice(0, 8)}`),
    '.md',
  );
}

/** One Markdown file per lesson in a zip archive. */
export function exportMarkdownZip(lessons: readonly Lesson[], opts: SelectOptions = {}): Uint8Array {
  const chosen = selectLessons(lessons, opts);
  const names = lessonFileNames(chosen);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  chosen.forEach((l, i) => {
    files[names[i]] = [strToU8(lessonToMarkdown(l, 1)), { mtime: new Date(l.updatedAt) }];
  });
  return zipSync(files, { level: 6 });
}
