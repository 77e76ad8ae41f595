import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from '../db';
import { lesson, page } from '../related/test-fixtures';
import { badgeText, pageBadgeCount } from './badge';

let db: LessonDb;
let n = 0;

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('pageBadgeCount', () => {
  it('counts lessons on the work item, the project in any case and tags equal to labels, each once', async () => {
    db = openDb(`badge-${++n}`);
    await db.lessons.bulkPut([
      lesson({ source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME' } }),
      lesson({ kind: 'question', source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME' } }),
      lesson({ source: { site: 'jira', workItem: 'jira:ACME-2', project: 'acme' } }),
      lesson({ tags: ['flaky-tests'], source: { site: 'github', workItem: 'github:o/r#1', project: 'o/r' } }),
      lesson({ tags: ['ci'], source: { site: 'jira', workItem: 'jira:ACME-3', project: 'ACME' } }),
      lesson({ deletedAt: '2024-02-01T00:00:00.000Z', source: { site: 'jira', workItem: 'jira:ACME-7', project: 'ACME' } }),
      lesson({ tags: ['other'], source: { site: 'jira', workItem: 'jira:OPS-1', project: 'OPS' } }),
    ]);
    expect(await pageBadgeCount(db, page({ project: 'ACME', labels: ['Flaky-Tests', 'ci'] }))).toBe(5);
    expect(await pageBadgeCount(db, page({ project: 'ACME' }))).toBe(4);
    expect(await pageBadgeCount(db, page({ workItem: 'jira:NONE-1', project: undefined }))).toBe(0);
  });
});

describe('badgeText', () => {
  it('shows nothing for zero and caps at 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });
});
