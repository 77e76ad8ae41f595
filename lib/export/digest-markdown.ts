import { lessonTitle, type Lesson } from '../lesson';
import { localDay, type DigestAction, type WeeklyDigest } from './digest';
import { blockquote, escapeBlock, escapeInline, link } from './markdown-escape';
import { t } from '../i18n';
import { askedAs } from '../pillars';

function lessonItem(l: Lesson): string {
  const out = [`### ${escapeInline(lessonTitle(l))}`];
  if (l.quote.trim()) out.push(blockquote(l.quote));
  const note = escapeBlock(l.note);
  if (note.length) out.push(note.join('\n'));
  for (const a of l.answers) {
    const answer = escapeBlock(a.answer);
    if (answer.length) out.push(`**${escapeInline(askedAs(a.question))}** ${answer.join('\n')}`);
  }
  const meta = [link(l.source.title || l.source.url, l.source.url)];
  if (l.author) meta.push(t('export.by', { author: escapeInline(l.author) }));
  if (l.tags.length) meta.push(l.tags.map((tag) => escapeInline(`#${tag}`)).join(' '));
  out.push(`_${meta.join(' · ')}_`);
  return out.join('\n\n');
}

function actionItem(d: DigestAction): string {
  const a = d.action;
  const details = [a.owner && escapeInline(a.owner), a.due && (d.overdue ? t('export.dueOverdue', { day: a.due }) : t('export.due', { day: a.due }))];
  const extra = details.filter(Boolean).join(', ');
  return `- [${a.done ? 'x' : ' '}] ${escapeInline(a.text)}${extra ? ` (${extra})` : ''} — ${t('export.from', { lesson: link(d.lessonTitle, d.url) })}`;
}

/** The digest as Markdown to paste into Confluence, a GitHub discussion or a meeting document. */
export function digestToMarkdown(d: WeeklyDigest): string {
  const out = [
    `# ${t('digest.title', { day: d.firstDay })}`,
    `_${t('digest.summary', {
      first: d.firstDay,
      last: d.lastDay,
      lessons: t('digest.lessons', d.lessonCount),
      questions: t('digest.questions', d.openQuestions.length),
      done: t('digest.done', d.actionsDone.length),
      open: t('digest.open', d.actionsOpen.length),
    })}_`,
  ];
  if (!d.sections.length) out.push(t('digest.empty'));
  for (const s of d.sections) {
    out.push(`## ${s.heading}`);
    for (const l of s.lessons) out.push(lessonItem(l));
  }
  if (d.openQuestions.length) {
    out.push(`## ${t('export.heading.question')}`);
    out.push(
      d.openQuestions
        .map((q) => `- ${escapeInline(q.question?.text ?? lessonTitle(q))} — ${t('digest.asked', { day: localDay(new Date(q.createdAt)), page: link(q.source.title || q.source.url, q.source.url) })}`)
        .join('\n'),
    );
  }
  if (d.actionsDone.length) out.push(`## ${t('digest.actionsDone')}`, d.actionsDone.map(actionItem).join('\n'));
  if (d.actionsOpen.length) out.push(`## ${t('digest.actionsOpen')}`, d.actionsOpen.map(actionItem).join('\n'));
  return `${out.join('\n\n')}\n`;
}
