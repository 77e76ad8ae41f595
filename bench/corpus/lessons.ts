import { deriveTitle, KINDS, normalizeTags, type Lesson } from '../../lib/lesson';
import type { Passage } from './manpages';

const GENERIC_HEADINGS = new Set(['name', 'synopsis', 'description', 'options', 'see-also', 'notes', 'bugs', 'author', 'authors', 'examples', 'files', 'environment', 'exit-status', 'copyright', 'reporting-bugs', 'history']);
const QUOTE_CHARS = 400;
const NOTE_CHARS = 240;
export const PROJECTS = 200;

/** Text cut at the last sentence (or word) end before `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
  return end > max / 3 ? cut.slice(0, end + 1) : cut.slice(0, cut.lastIndexOf(' ')).trimEnd();
}

export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function projectOf(page: string): string {
  return `P${hash(page) % PROJECTS}`;
}

export function tagsOf(p: Passage): string[] {
  const heading = normalizeTags([p.heading])[0] ?? '';
  return normalizeTags(GENERIC_HEADINGS.has(heading) || !heading ? [p.page] : [p.page, heading]);
}

/**
 * Lessons cut from consecutive passages: passage i is the quote (and gives the title), passage
 * i + 1 the note when it comes from the same page. Built as plain objects (already valid), since
 * validating 100,000 of them would dominate the benchmark's setup.
 */
export function lessonsFromPassages(passages: readonly Passage[], count: number): Lesson[] {
  const out: Lesson[] = [];
  const base = Date.UTC(2023, 0, 1);
  for (let i = 0; i < count; i++) {
    const p = passages[i % passages.length];
    const next = passages[(i + 1) % passages.length];
    const quote = clip(p.text, QUOTE_CHARS);
    const at = new Date(base + i * 60_000).toISOString();
    out.push({
      id: `b0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      kind: KINDS[hash(quote) % KINDS.length],
      title: deriveTitle(quote),
      quote,
      note: next.page === p.page ? clip(next.text, NOTE_CHARS) : '',
      answers: [],
      actions: [],
      tags: tagsOf(p),
      source: {
        url: `https://manpages.test/${p.page}`,
        site: 'web',
        workItem: `man:${p.page}`,
        title: p.page,
        project: projectOf(p.page),
        labels: [],
      },
      visibility: 'team',
      createdAt: at,
      updatedAt: at,
      helped: 0,
    });
  }
  return out;
}

/** A page of about `chars` characters: consecutive passages of one held-out man page onwards. */
export function pageFrom(passages: readonly Passage[], start: number, chars: number): { title: string; text: string; page: string; labels: string[] } {
  const first = passages[start % passages.length];
  let text = '';
  for (let i = start; text.length < chars; i++) text += passages[i % passages.length].text + '\n\n';
  return { title: `${first.page}: ${deriveTitle(first.text)}`, text: text.slice(0, chars), page: first.page, labels: tagsOf(first).slice(1) };
}
