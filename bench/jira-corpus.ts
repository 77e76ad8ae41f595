import { uuidv7 } from '../lib/id';
import { LessonSchema, PILLARS, type Lesson, type LessonInput } from '../lib/lesson';

/** The fixture ticket the corpus's first work item is, and the benches open. */
export const CORPUS_TICKET = 'https://acme.atlassian.net/browse/ACME-123';
const WORDS = 'retry backoff queue webhook latency deploy rollback alert cache index migration timeout outage payment provider'.split(' ');

export interface CorpusOptions {
  /** Time of the first lesson; one lesson a minute after it. */
  start: number;
  /** Every n-th lesson is an open question. */
  questionEvery: number;
  /** Fields a bench adds to lesson i (answers, actions). */
  extra?: (i: number, kind: Lesson['kind'], text: string) => Partial<LessonInput>;
}

/**
 * Lessons for the extension-page benches: spread over 500 Jira work items in 20 projects, the
 * first of them the fixture ticket ACME-123 that the benches open.
 */
export function jiraCorpus(n: number, { start, questionEvery, extra }: CorpusOptions): Lesson[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + i * 60_000).toISOString();
    const item = i % 500;
    const project = item === 0 ? 'ACME' : `P${item % 20}`;
    const kind = i % questionEvery === 0 ? 'question' : PILLARS[i % 4];
    const text = Array.from({ length: 25 }, (_, j) => WORDS[(i + j * 7) % WORDS.length]).join(' ');
    return LessonSchema.parse({
      id: uuidv7(Date.parse(at)),
      kind,
      title: `Lesson ${i}: ${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}`,
      quote: text,
      note: text.slice(0, 120),
      tags: [project.toLowerCase(), WORDS[i % WORDS.length]],
      source: {
        url: item === 0 ? CORPUS_TICKET : `https://acme.atlassian.net/browse/${project}-${item}`,
        site: 'jira',
        workItem: item === 0 ? 'jira:ACME-123' : `jira:${project}-${item}`,
        title: `Ticket ${item}`,
        project,
        labels: ['incident'],
      },
      ...(kind === 'question' ? { question: { text: `Why ${i}?`, askedAt: at } } : {}),
      visibility: 'private',
      createdAt: at,
      updatedAt: at,
      ...extra?.(i, kind, text),
    });
  });
}
