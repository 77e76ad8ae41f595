import { describe, expect, it } from 'vitest';
import type { RelatedResult } from '@/lib/related/rank';
import { lesson } from '@/test/support/related-fixtures';
import { filterResults, sections, workItemResults } from './model';

const item = { site: 'jira' as const, workItem: 'jira:ACME-1', project: 'ACME' };

describe('workItemResults', () => {
  it('lists the work item lessons newest first, then its open questions, leaving out tombstones and other items', () => {
    const older = lesson({ title: 'Older', source: item });
    const question = lesson({ kind: 'question', title: 'Why?', source: item });
    const newer = lesson({ title: 'Newer', source: item });
    const gone = lesson({ title: 'Gone', deletedAt: '2024-02-01T00:00:00.000Z', source: item });
    const other = lesson({ title: 'Other', source: { ...item, workItem: 'jira:ACME-2' } });
    const results = workItemResults('jira:ACME-1', [older, question, newer, gone, other]);
    expect(results.map((r) => [r.lesson.title, r.section, r.reasons])).toEqual([
      ['Newer', 'workItem', ['same ticket']],
      ['Older', 'workItem', ['same ticket']],
      ['Why?', 'questions', ['same ticket']],
    ]);
  });
});

describe('filterResults and sections', () => {
  const r = (title: string, section: RelatedResult['section'], reasons: string[], tags: string[] = []): RelatedResult => ({
    lesson: lesson({ title, tags, source: item }),
    section,
    reasons,
    score: 0,
  });
  const all = [r('Retry storm', 'workItem', ['same ticket']), r('Release checklist', 'project', ['same project ACME'], ['billing']), r('Cache keys', 'similar', ['similar text: cache, keys'])];

  it('keeps results holding every word, in their text, tags or reasons', () => {
    expect(filterResults(all, 'release BILLING').map((x) => x.lesson.title)).toEqual(['Release checklist']);
    expect(filterResults(all, 'similar').map((x) => x.lesson.title)).toEqual(['Cache keys']);
    expect(filterResults(all, '  ')).toHaveLength(3);
    expect(filterResults(all, 'nowhere')).toEqual([]);
  });

  it('groups results by section in order', () => {
    expect(sections(all).map((s) => [s.section, s.results.length])).toEqual([
      ['workItem', 1],
      ['project', 1],
      ['similar', 1],
    ]);
  });
});
