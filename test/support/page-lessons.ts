import { LessonSchema, type Lesson, type Source } from '../../lib/lesson';

/** A page as the full read (the side panel's) gives it. */
export interface ReadPage {
  source: Source;
  text: string;
}

const words = (text: string) => text.split(/\s+/).filter((w) => /^[a-z]{4,}$/i.test(w));

/**
 * Lessons about the given pages, saved elsewhere, for checking that the badge's cheap read counts
 * what the side panel lists. For each page: a lesson about its subject, under its title and in its
 * own words (the words it uses most that no other page uses), related by its text alone; one quoting
 * a passage from the middle of its text; and one from the same project on another item.
 */
export function lessonsAboutPages(pages: readonly ReadPage[], idPrefix = '00000000-0000-4000-8000-'): Lesson[] {
  let n = 0;
  const lesson = (fields: { title: string; quote: string; note: string }, source: Partial<Source> = {}): Lesson => {
    n++;
    return LessonSchema.parse({
      id: `${idPrefix}${n.toString(16).padStart(12, '0')}`,
      kind: 'mistake',
      ...fields,
      visibility: 'private',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      source: { url: `https://elsewhere.example/${n}`, site: 'web', workItem: `https://elsewhere.example/${n}`, ...source },
    });
  };
  const vocabulary = pages.map((p) => new Set(words(p.text).map((w) => w.toLowerCase())));
  const ownWords = (i: number, count: number) => {
    const tf = new Map<string, number>();
    for (const w of words(pages[i].text)) {
      const word = w.toLowerCase();
      if (word.length > 4 && vocabulary.every((v, j) => j === i || !v.has(word))) tf.set(word, (tf.get(word) ?? 0) + 1);
    }
    return [...tf]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, count)
      .map(([word]) => word);
  };
  return pages.flatMap((page, i) => {
    const w = words(page.text);
    const mid = w.length >> 1;
    const { site, project, workItem, title, labels } = page.source;
    return [
      lesson({ title, quote: ownWords(i, 24).join(' '), note: labels.join(' ') }),
      lesson({ title: w.slice(mid + 40, mid + 46).join(' '), quote: w.slice(mid, mid + 40).join(' '), note: '' }),
      ...(project ? [lesson({ title: 'Another item', quote: '', note: '' }, { site, project, workItem: `${workItem}-other` })] : []),
    ];
  });
}
