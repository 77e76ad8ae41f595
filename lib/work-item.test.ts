import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './db/database';
import type { Lesson } from './lesson';
import { hostedWorkItem, jiraKeyOf, parseWorkItem, withHostedWorkItem } from './work-item';

describe('host-qualified work items', () => {
  it.each([
    ['jira:ACME-1', 'https://acme.atlassian.net/browse/ACME-1', 'jira:acme.atlassian.net:ACME-1'],
    ['jira:OPS-42', 'http://Jira.Corp.Example:8080/browse/OPS-42', 'jira:jira.corp.example:8080:OPS-42'],
    ['jira:acme.atlassian.net:ACME-1', 'https://other.example/x', 'jira:acme.atlassian.net:ACME-1'],
    ['jira:ACME-1', 'not a url', 'jira:ACME-1'],
    ['jira:ACME-1', 'javascript:alert(1)', 'jira:ACME-1'],
    ['github:acme/web#12', 'https://github.com/acme/web/issues/12', 'github:acme/web#12'],
    ['confluence:acme.atlassian.net:123', 'https://acme.atlassian.net/wiki/x', 'confluence:acme.atlassian.net:123'],
    ['https://blog.example/post', 'https://blog.example/post', 'https://blog.example/post'],
  ])('%s at %s is %s', (workItem, url, hosted) => {
    expect(hostedWorkItem({ workItem, url })).toBe(hosted);
  });

  it('parses keys whose host has a port', () => {
    expect(parseWorkItem('jira:localhost:4173:ACME-1')).toEqual({ site: 'jira', host: 'localhost:4173', key: 'ACME-1' });
    expect(parseWorkItem('confluence:localhost:4173:98765')).toEqual({ site: 'confluence', host: 'localhost:4173', pageId: '98765' });
    expect(parseWorkItem('github:ghe.corp.example/acme/web#3')).toEqual({ site: 'github', host: 'ghe.corp.example', project: 'ghe.corp.example/acme/web' });
    expect(parseWorkItem('github:acme/web@abc123')).toEqual({ site: 'github', host: 'github.com', project: 'acme/web' });
    expect(jiraKeyOf('jira:ACME-1')).toBe('ACME-1');
    expect(jiraKeyOf('jira:localhost:4173:ACME-1')).toBe('ACME-1');
    expect(jiraKeyOf('https://x.example/')).toBeNull();
  });

  it('leaves a lesson that needs no change as the same object', () => {
    const lesson = { source: { workItem: 'github:acme/web#1', url: 'https://github.com/acme/web/issues/1' } };
    expect(withHostedWorkItem(lesson)).toBe(lesson);
  });
});

describe('database version 5', () => {
  let db: LessonDb | undefined;
  const name = `v4-${Math.random()}`;
  afterEach(async () => {
    db?.close();
    await Dexie.delete(name);
  });

  const lesson = (id: string, url: string, workItem: string) =>
    ({
      id,
      kind: 'mistake',
      title: '',
      quote: '',
      note: `note ${id}`,
      answers: [],
      actions: [],
      tags: [],
      source: { url, site: 'jira', workItem, title: '', labels: [] },
      visibility: 'private',
      helped: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }) as Lesson;

  it('gives the Jira keys of a version-4 database their host, and changes nothing else', async () => {
    // Versions 1 to 4 as lib/db/database.ts declared them.
    const v4 = new Dexie(name);
    v4.version(1).stores({ lessons: 'id, kind, *tags, source.workItem, source.project, source.site, updatedAt, createdAt', meta: 'key' });
    v4.version(2).stores({ outbox: 'id, changedAt', syncConflicts: '++seq, id', resetSeen: 'id' });
    v4.version(3).stores({ dueDates: 'id, *due' });
    v4.version(4).stores({ lessons: 'id, kind, *tags, source.workItem, source.project, updatedAt, createdAt', shareBatches: '++seq' });
    const rows = [
      lesson('00000000-0000-4000-8000-000000000001', 'https://acme.atlassian.net/browse/ACME-1', 'jira:ACME-1'),
      lesson('00000000-0000-4000-8000-000000000002', 'https://jira.corp.example/browse/ACME-1', 'jira:ACME-1'),
      lesson('00000000-0000-4000-8000-000000000003', 'https://acme.atlassian.net/browse/ACME-2', 'jira:acme.atlassian.net:ACME-2'),
      { ...lesson('00000000-0000-4000-8000-000000000004', 'https://github.com/a/b/issues/1', 'github:a/b#1'), source: { url: 'https://github.com/a/b/issues/1', site: 'github', workItem: 'github:a/b#1', title: '', labels: [] } },
    ] as Lesson[];
    await v4.table('lessons').bulkAdd(rows);
    await v4.table('meta').put({ key: 'sync.clientId', value: 'c1' });
    expect(v4.verno).toBe(4);
    v4.close();

    db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    const after = await db.lessons.orderBy('id').toArray();
    expect(after.map((l) => l.source.workItem)).toEqual([
      'jira:acme.atlassian.net:ACME-1',
      'jira:jira.corp.example:ACME-1',
      'jira:acme.atlassian.net:ACME-2',
      'github:a/b#1',
    ]);
    expect(after.map((l) => ({ ...l, source: { ...l.source, workItem: '' } }))).toEqual(rows.map((l) => ({ ...l, source: { ...l.source, workItem: '' } })));
    // The index follows: the two ACME-1s are now two work items.
    expect(await db.lessons.where('source.workItem').equals('jira:jira.corp.example:ACME-1').count()).toBe(1);
    expect(await db.lessons.where('source.workItem').equals('jira:ACME-1').count()).toBe(0);
    expect((await db.meta.get('sync.clientId'))?.value).toBe('c1');
  });
});
