import { describe, expect, it } from 'vitest';
import { lessonsFromPassages, pageFrom, projectOf } from '../../bench/corpus/lessons';
import { readManCorpus } from '../../bench/corpus/manpages';
import { CORPUS_TICKET, jiraCorpus } from '../../bench/jira-corpus';
import { prng } from '../../test/support/prng';
import { ReferenceIndex, referenceRelated } from '../../test/support/related-reference';
import type { Lesson, Source } from '../lesson';
import { RelatedIndex } from './lesson-index';
import { PANEL_LIMIT } from './panel-limit';
import { createRelatedIndex, rankRelated, relatedLessons, type RelatedOptions } from './rank';

/**
 * The index that keeps no lesson (the worker's, stored and loaded again) against the ranking as it
 * was when the index held every lesson (test/support/related-reference.ts), on the bench corpora:
 * every result, section, reason and score the same.
 */
const corpus = readManCorpus(130_000, 3_000);
const MAN_LESSONS = 6_000;
const PAGES = 30;

function lessons(): Lesson[] {
  const jira = jiraCorpus(1_000, { start: Date.UTC(2022, 0, 1), questionEvery: 7 });
  return [...jira, ...lessonsFromPassages(corpus.lessons, MAN_LESSONS)];
}

function pages(): { source: Source; text: string }[] {
  const man = Array.from({ length: PAGES }, (_, q) => {
    const page = pageFrom(corpus.queries, Math.floor((q * corpus.queries.length) / PAGES), 3000);
    const source: Source = { url: `https://manpages.test/${page.page}`, site: 'web', workItem: `man:${page.page}`, title: page.title, project: projectOf(page.page), labels: page.labels };
    return { source, text: page.text };
  });
  const jira = [0, 1, 7, 40].map((item) => ({
    source: {
      url: item === 0 ? CORPUS_TICKET : `https://acme.atlassian.net/browse/P${item % 20}-${item}`,
      site: 'jira' as const,
      workItem: item === 0 ? 'jira:ACME-123' : `jira:P${item % 20}-${item}`,
      title: `Ticket ${item}: retry backoff queue`,
      project: item === 0 ? 'ACME' : `P${item % 20}`,
      labels: ['incident', 'Webhook'],
    },
    text: 'The webhook retry queue backs off after a timeout; the payment provider saw latency during the deploy and the rollback.',
  }));
  return [...man, ...jira];
}

const OPTIONS: RelatedOptions[] = [{ limit: 10 }, { limit: PANEL_LIMIT }];

function expectSameRanking(reference: ReferenceIndex, index: RelatedIndex): void {
  const sections = new Set<string>();
  let results = 0;
  for (const { source, text } of pages()) {
    for (const options of OPTIONS) {
      const want = referenceRelated(source, text, reference, options).map(({ lesson, ...r }) => ({ id: lesson.id, ...r }));
      expect(rankRelated(source, text, index, options)).toEqual(want);
      for (const r of want) sections.add(r.section);
      results += want.length;
    }
  }
  // The pages find lessons in every section: the comparison covers each way of being related.
  expect([...sections].sort()).toEqual(['project', 'questions', 'similar', 'workItem']);
  expect(results).toBeGreaterThan(PAGES * 10);
}

describe.skipIf(corpus.lessons.length === 0)('the related index without lessons, on the bench corpora', () => {
  it('ranks exactly as the index that held every lesson, built, and stored then loaded', () => {
    const all = lessons();
    const reference = new ReferenceIndex(all);
    const builder = RelatedIndex.builder();
    for (const l of all) builder.add(l);
    const built = builder.finish();
    expectSameRanking(reference, built);
    // As IndexedDB stores and reads it back.
    const { head, blocks } = structuredClone(built.snapshot());
    const loaded = RelatedIndex.restore(head, blocks)!;
    expect(loaded).not.toBeNull();
    expect(loaded.size).toBe(reference.size);
    expectSameRanking(reference, loaded);

    const withLessons = createRelatedIndex(all);
    const { source, text } = pages()[0];
    expect(relatedLessons(source, text, withLessons, { limit: PANEL_LIMIT })).toEqual(referenceRelated(source, text, reference, { limit: PANEL_LIMIT }));
  });

  it('after edits, deletions and new lessons on a loaded index (compactions included), still ranks as the reference', () => {
    const all = lessons();
    const reference = new ReferenceIndex(all);
    const builder = RelatedIndex.builder();
    for (const l of all) builder.add(l);
    const stored = structuredClone(builder.finish().snapshot());
    const index = RelatedIndex.restore(stored.head, stored.blocks)!;
    const random = prng(11);
    const fresh = lessonsFromPassages(corpus.lessons, MAN_LESSONS + 1_500).slice(MAN_LESSONS).map((l) => ({ ...l, id: l.id.replace('b0000000', 'c0000000') }));
    let added = 0;
    // Enough writes to pass the text index's compaction thresholds (512 dead, 512 added) twice.
    for (let op = 0; op < 2_500; op++) {
      const pick = all[Math.floor(random() * all.length)];
      const at = new Date(Date.UTC(2025, 0, 1) + op * 1000).toISOString();
      const r = random();
      const write: Lesson =
        r < 0.35 && added < fresh.length
          ? fresh[added++]
          : r < 0.6
            ? { ...pick, deletedAt: at, updatedAt: at }
            : r < 0.8
              ? { ...pick, title: `${pick.title} (edited)`, tags: [...pick.tags, 'edited'], updatedAt: at }
              : { ...pick, kind: 'question', source: { ...pick.source, workItem: 'jira:ACME-123', project: 'ACME', labels: ['incident'] }, updatedAt: at };
      reference.add(write);
      index.add(write);
    }
    for (let i = 0; i < 300; i++) {
      const id = all[Math.floor(random() * all.length)].id;
      expect(index.remove(id)).toBe(reference.remove(id));
    }
    expect(index.size).toBe(reference.size);
    expectSameRanking(reference, index);
    const again = structuredClone(index.snapshot());
    expectSameRanking(reference, RelatedIndex.restore(again.head, again.blocks)!);
  });
});
