import { lessonTitle, type Lesson } from '../lesson';
import { localDay, type DigestAction, type WeeklyDigest } from './digest';
import { blockquote, escapeBlock, escapeInline, link } from './markdown-escape';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function lessonItem(l: Lesson): string {
  const out = [`### ${escapeInline(lessonTitle(l))}`];
  if (l.quote.trim()) out.push(blockquote(l.quote));
  const note = escapeBlock(l.note);
  if (note.length) out.push(note.join('\n'));
  for (const a of l.answers) {
    const answer = escapeBlock(a.answer);
    if (answer.length) out.push(`**${escapeInline(a.question)}** ${answer.join('\n')}`);
  }
  const meta = [link(l.source.title || l.source.url, l.source.url)];
  if (l.author) meta.push(`by ${escapeInline(l.author)}`);
  if (l.tags.length) meta.push(l.tags.map((t) => escapeInline(`#${t}`)).join(' '));
  out.push(`_${meta.join(' · ')}_`);
  return out.join('\n\n');
}

function actionItem(d: DigestAction): string {
  const a = d.action;
  const details = [a.owner && escapeInline(a.owner), a.due && `due ${a.due}${d.overdue ? ', overdue' : ''}`];
  const extra = details.filter(Boolean).join(', ');
  return `- [${a.done ? 'x' : ' '}] ${escapeInline(a.text)}${extra ? ` (${extra})` : ''} — from ${link(d.lessonTitle, d.url)}`;
}

/** The digest as Markdown to paste into Confluence, a GitHub discussion or a meeting document. */
export function digestToMarkdown(d: WeeklyDigest): string {
  const out = [
    `# What we learned, week of ${d.firstDay}`,
    `_${d.firstDay} to ${d.lastDay}: ${plural(d.lessonCount, 'lesson')}, ${plural(d.openQuestions.length, 'open question')}, ${plural(d.actionsDone.length, 'action')} done, ${plural(d.actionsOpen.length, 'action')} still open._`,
  ];
  if (!d.sections.length) out.push('No lessons were captured this week. What did we learn?');
  for (const s of d.sections) {
    out.push(`## ${s.heading}`);
    for (const l of s.lessons) out.push(lessonItem(l));
  }
  if (d.openQuestions.length) {
    out.push('## Open questions');
    out.push(
      d.openQuestions
        .map((q) => `- ${escapeInline(q.question?.text ?? lessonTitle(q))} — asked ${localDay(new Date(q.createdAt))} on ${link(q.source.title || q.source.url, q.source.url)}`)
        .join('\n'),
    );
  }
  if (d.actionsDone.length) out.push('## Actions done this week', d.actionsDone.map(actionItem).join('\n'));
  if (d.actionsOpen.length) out.push('## Actions still open', d.actionsOpen.map(actionItem).join('\n'));
  return `${out.join('\n\n')}\n`;
}
