import { describe, expect, it } from 'vitest';
import { LessonSchema, type Lesson } from '../lesson';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { expectGolden } from '../../test/fixtures/export/golden';
import { startOfWeek, weeklyDigest } from './digest';
import { digestToMarkdown } from './digest-markdown';

// Local-time dates: the digest works in the person's own time zone, and so do these tests.
const MONDAY = new Date(2025, 2, 10);
const NOW = new Date(2025, 2, 17, 9, 0);
const id = (n: number) => `01958a3c-8e00-7000-8000-00000000000${n}`;

/**
 * The samples are stamped at noon UTC; moved to noon local time they fall on the same calendar day
 * in every time zone (UTC+13 included), so the digest's days are the same wherever this runs.
 */
function localNoon(iso: string): string;
function localNoon(iso: string | undefined): string | undefined;
function localNoon(iso: string | undefined): string | undefined {
  if (!iso) return iso;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d, 12).toISOString();
}

function samples(): Lesson[] {
  return sampleLessons().map((l) =>
    LessonSchema.parse({
      ...l,
      createdAt: localNoon(l.createdAt),
      updatedAt: localNoon(l.updatedAt),
      ...(l.deletedAt ? { deletedAt: localNoon(l.deletedAt) } : {}),
      ...(l.question ? { question: { ...l.question, askedAt: localNoon(l.question.askedAt) } } : {}),
      actions: l.actions.map((a) => (a.doneAt ? { ...a, doneAt: localNoon(a.doneAt) } : a)),
    }),
  );
}

describe('weeklyDigest', () => {
  it('groups the week’s lessons by pillar, mistakes first', () => {
    const d = weeklyDigest(samples(), MONDAY, { now: NOW });
    expect(d.sections.map((s) => s.kind)).toEqual(['mistake', 'experience', 'performance', 'improvement']);
    expect(d.sections[0].heading).toBe('What we learned from mistakes');
    expect(d.sections.map((s) => s.lessons.map((l) => l.id))).toEqual([[id(1)], [id(2)], [id(3)], [id(4)]]);
    expect(d.lessonCount).toBe(4);
    expect(d.firstDay).toBe('2025-03-10');
    expect(d.lastDay).toBe('2025-03-16');
  });

  it('leaves out deleted lessons and lessons of other weeks', () => {
    const ids = weeklyDigest(samples(), MONDAY, { now: NOW }).sections.flatMap((s) => s.lessons.map((l) => l.id));
    expect(ids).not.toContain(id(7));
    expect(ids).not.toContain(id(6));
    expect(ids).not.toContain(id(8));
  });

  it('lists open questions, actions done that week and actions still open', () => {
    const d = weeklyDigest(samples(), MONDAY, { now: NOW });
    expect(d.openQuestions.map((q) => q.id)).toEqual([id(5)]);
    expect(d.actionsDone.map((a) => a.action.id)).toEqual(['a5', 'a2']);
    expect(d.actionsOpen.map((a) => [a.action.id, a.overdue])).toEqual([
      ['a4', true],
      ['a1', false],
      ['a3', false],
    ]);
  });

  it('defaults to last week, Monday to Sunday, whatever day it is now', () => {
    for (const now of [new Date(2025, 2, 17, 0, 0), NOW, new Date(2025, 2, 23, 23, 59)]) {
      expect(weeklyDigest(samples(), undefined, { now }).firstDay).toBe('2025-03-10');
    }
  });

  it('takes any day of the chosen week', () => {
    expect(weeklyDigest(samples(), new Date(2025, 2, 16, 23), { now: NOW }).firstDay).toBe('2025-03-10');
    expect(startOfWeek(new Date(2025, 2, 10, 0, 0))).toEqual(MONDAY);
  });

  it('ends the week at the next local Monday midnight, also across a daylight-saving change', () => {
    for (const monday of [new Date(2025, 2, 3), new Date(2025, 2, 24), new Date(2025, 9, 20), new Date(2025, 9, 27)]) {
      const d = weeklyDigest([], monday, { now: NOW });
      const next = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
      expect(d.start).toBe(monday.toISOString());
      expect(d.end).toBe(next.toISOString());
    }
  });

  it('counts a lesson captured in the last minute of Sunday and not one at Monday midnight', () => {
    const base = samples()[1];
    const at = (d: Date) => LessonSchema.parse({ ...base, id: crypto.randomUUID(), createdAt: d.toISOString(), updatedAt: d.toISOString() });
    const d = weeklyDigest([at(new Date(2025, 2, 16, 23, 59)), at(new Date(2025, 2, 17, 0, 0)), at(MONDAY)], MONDAY, { now: NOW });
    expect(d.lessonCount).toBe(2);
  });
});

describe('digestToMarkdown', () => {
  it('matches the golden digest', () => {
    expectGolden('digest.md', digestToMarkdown(weeklyDigest(samples(), MONDAY, { now: NOW })));
  });

  it('puts the mistakes heading before the other pillars and the lists after them', () => {
    const md = digestToMarkdown(weeklyDigest(samples(), MONDAY, { now: NOW }));
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## What we learned from mistakes',
      '## What we learned from experience',
      '## What the numbers taught us',
      '## What we could do better',
      '## Open questions',
      '## Actions done this week',
      '## Actions still open',
    ]);
  });

  it('says so when nothing was learned', () => {
    const md = digestToMarkdown(weeklyDigest(samples(), new Date(2025, 0, 6), { now: NOW }));
    expect(md).toBe(
      '# What we learned, week of 2025-01-06\n\n_2025-01-06 to 2025-01-12: 0 lessons, 0 open questions, 0 actions done, 0 actions still open._\n\nNo lessons were captured this week. What did we learn?\n',
    );
  });
});
