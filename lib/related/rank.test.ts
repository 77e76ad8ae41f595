import { describe, expect, it } from 'vitest';
import { badgeCount, createRelatedIndex, relatedLessons, SIMILAR_MIN, STRONG_SIMILAR } from './rank';
import {
  CHECKOUT_PAGE,
  CHECKOUT_PAGE_TITLE,
  SAME_FAILURE,
  UNRELATED,
  lesson,
  page,
} from '../../test/support/related-fixtures';

const ACME_7 = { site: 'jira' as const, workItem: 'jira:ACME-7', project: 'ACME' };

function scenario() {
  const onTicket = lesson({ title: 'Retry storm on ACME-7', source: ACME_7 });
  const question = lesson({ kind: 'question', title: 'Why does checkout retry twice?', source: ACME_7 });
  const sameProject = lesson({ title: 'Release checklist', source: { site: 'jira', workItem: 'jira:ACME-2', project: 'ACME' } });
  const sharesTags = lesson({ title: 'Quarantine flaky suites', tags: ['flaky-tests', 'ci'], source: { site: 'github', workItem: 'github:o/r#4' } });
  const projectAndTag = lesson({ title: 'CI cache keys', tags: ['ci'], source: { site: 'jira', workItem: 'jira:ACME-3', project: 'acme' } });
  const similar = lesson({ ...SAME_FAILURE, source: { site: 'confluence', workItem: 'confluence:wiki:99', project: 'OPS' } });
  const unrelated = UNRELATED.map((u) => lesson(u));
  const all = [onTicket, question, sameProject, sharesTags, projectAndTag, similar, ...unrelated];
  const source = page({ title: CHECKOUT_PAGE_TITLE, project: 'ACME', labels: ['Flaky-Tests', 'ci'] });
  return { onTicket, question, sameProject, sharesTags, projectAndTag, similar, unrelated, all, source };
}

describe('relatedLessons', () => {
  it('ranks same work item, open questions, project and tags, then similar text, and says why', () => {
    const s = scenario();
    const results = relatedLessons(s.source, CHECKOUT_PAGE, createRelatedIndex(s.all));

    expect(results.map((r) => [r.lesson.id, r.section])).toEqual([
      [s.onTicket.id, 'workItem'],
      [s.question.id, 'questions'],
      [s.projectAndTag.id, 'project'],
      [s.sameProject.id, 'project'],
      [s.sharesTags.id, 'project'],
      [s.similar.id, 'similar'],
    ]);
    const reasons = Object.fromEntries(results.map((r) => [r.lesson.id, r.reasons]));
    expect(reasons[s.onTicket.id]).toEqual(['same ticket']);
    expect(reasons[s.question.id]).toEqual(['same ticket']);
    expect(reasons[s.projectAndTag.id]).toEqual(['same project ACME', 'shares tag: ci']);
    expect(reasons[s.sameProject.id]).toEqual(['same project ACME']);
    expect(reasons[s.sharesTags.id]).toEqual(['shares tags: flaky-tests, ci']);
    expect(reasons[s.similar.id]).toHaveLength(1);
    expect(reasons[s.similar.id][0]).toMatch(/^similar text: /);
    expect(reasons[s.similar.id][0]).toContain('502');
    expect(reasons[s.similar.id][0]).toContain('exhausted');
  });

  it('finds a lesson on the same failure by its text alone, and leaves lessons on other subjects out', () => {
    const s = scenario();
    const index = createRelatedIndex([s.similar, ...s.unrelated]);
    const source = page({ title: CHECKOUT_PAGE_TITLE, workItem: 'jira:SHOP-1', project: 'SHOP' });
    const results = relatedLessons(source, CHECKOUT_PAGE, index);

    expect(results.map((r) => r.lesson.id)).toEqual([s.similar.id]);
    expect(results[0].section).toBe('similar');
    expect(results[0].score).toBeGreaterThanOrEqual(STRONG_SIMILAR);
    expect(badgeCount(results)).toBe(1);
  });

  it('keeps unrelated lessons below the threshold even with it lowered halfway', () => {
    const s = scenario();
    const index = createRelatedIndex([s.similar, ...s.unrelated]);
    const source = page({ title: CHECKOUT_PAGE_TITLE, workItem: 'jira:SHOP-1', project: 'SHOP' });
    const results = relatedLessons(source, CHECKOUT_PAGE, index, { minSimilarity: SIMILAR_MIN / 2 });
    // Lessons sharing "load", "pool" or "checkout" show up only at half the threshold, and weakly.
    expect(results[0].lesson.id).toBe(s.similar.id);
    for (const r of results.slice(1)) expect(r.score).toBeLessThan(SIMILAR_MIN);
  });

  it('finds nothing for a page on another subject', () => {
    const s = scenario();
    const index = createRelatedIndex(s.all);
    const source = page({ title: 'Quarterly budget review', workItem: 'confluence:wiki:1', site: 'confluence' });
    const text = 'The quarterly budget review covers travel, hardware purchases and training for the finance team.';
    expect(relatedLessons(source, text, index)).toEqual([]);
  });

  it('never returns deleted lessons, whether given deleted or deleted later', () => {
    const s = scenario();
    const gone = lesson({ title: 'Old retry note', source: ACME_7, deletedAt: '2024-02-01T00:00:00.000Z' });
    const index = createRelatedIndex([...s.all, gone]);
    let ids = relatedLessons(s.source, CHECKOUT_PAGE, index).map((r) => r.lesson.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).toContain(s.similar.id);

    index.update({ ...s.similar, deletedAt: '2024-02-02T00:00:00.000Z' });
    index.add({ ...s.onTicket, deletedAt: '2024-02-02T00:00:00.000Z' });
    ids = relatedLessons(s.source, CHECKOUT_PAGE, index).map((r) => r.lesson.id);
    expect(ids).not.toContain(s.similar.id);
    expect(ids).not.toContain(s.onTicket.id);
    expect(index.size).toBe(s.all.length - 2);
  });

  it('follows add, update and remove', () => {
    const s = scenario();
    const index = createRelatedIndex(s.unrelated);
    const source = page({ title: CHECKOUT_PAGE_TITLE, workItem: 'jira:SHOP-1', project: 'SHOP' });
    expect(relatedLessons(source, CHECKOUT_PAGE, index)).toEqual([]);

    index.add(s.similar);
    expect(relatedLessons(source, CHECKOUT_PAGE, index).map((r) => r.lesson.id)).toEqual([s.similar.id]);

    // Rewritten to be about something else: no longer similar.
    index.update({ ...s.similar, title: 'Holiday rota', quote: 'Who covers support over the holidays.', note: '', tags: [] });
    expect(relatedLessons(source, CHECKOUT_PAGE, index)).toEqual([]);

    // Moved onto the page's ticket: now it is there, with the new text.
    index.update({ ...s.similar, source: { ...s.similar.source, workItem: 'jira:SHOP-1' } });
    const [only] = relatedLessons(source, CHECKOUT_PAGE, index);
    expect(only.section).toBe('workItem');
    // Listed for this very item, it carries that reason alone: similar text adds nothing to it.
    expect(only.reasons).toEqual(['same ticket']);

    expect(index.remove(s.similar.id)).toBe(true);
    expect(index.remove(s.similar.id)).toBe(false);
    expect(relatedLessons(source, CHECKOUT_PAGE, index)).toEqual([]);
    expect(index.size).toBe(s.unrelated.length);
  });

  it('breaks ties by recency, then id, whatever the insertion order', () => {
    const a = lesson({ title: 'Same ticket A', source: ACME_7, updatedAt: '2024-03-01T00:00:00.000Z' });
    const b = lesson({ title: 'Same ticket B', source: ACME_7, updatedAt: '2024-03-02T00:00:00.000Z' });
    const c = lesson({ title: 'Same ticket C', source: ACME_7, updatedAt: '2024-03-02T00:00:00.000Z' });
    const source = page();
    const orders = [
      [a, b, c],
      [c, b, a],
      [b, a, c],
    ].map((ls) => relatedLessons(source, '', createRelatedIndex(ls)).map((r) => r.lesson.id));
    expect(orders[0]).toEqual([b.id, c.id, a.id]);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });

  it('respects the limit, keeping the earlier sections', () => {
    const s = scenario();
    const results = relatedLessons(s.source, CHECKOUT_PAGE, createRelatedIndex(s.all), { limit: 2 });
    expect(results.map((r) => r.section)).toEqual(['workItem', 'questions']);
  });

  it('names the project as the site calls it and the work item as a page on wikis', () => {
    const onPage = lesson({ source: { site: 'confluence', workItem: 'confluence:wiki:5', project: 'OPS' } });
    const inSpace = lesson({ source: { site: 'confluence', workItem: 'confluence:wiki:6', project: 'OPS' } });
    const source = page({ site: 'confluence', workItem: 'confluence:wiki:5', project: 'OPS' });
    const results = relatedLessons(source, '', createRelatedIndex([onPage, inSpace]));
    expect(results.map((r) => r.reasons)).toEqual([['same page'], ['same space OPS']]);
  });
});

describe('badgeCount', () => {
  it('counts work item, question, project and tag matches, and only strong text matches', () => {
    const s = scenario();
    const results = relatedLessons(s.source, CHECKOUT_PAGE, createRelatedIndex(s.all));
    expect(badgeCount(results)).toBe(6);
    const weak = results.map((r) => (r.section === 'similar' ? { ...r, score: STRONG_SIMILAR - 0.01 } : r));
    expect(badgeCount(weak)).toBe(5);
    expect(badgeCount([])).toBe(0);
  });
});
