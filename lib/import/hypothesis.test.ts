import { describe, expect, it } from 'vitest';
import { openDb } from '../db/database';
import { readFixture } from '../../test/fixtures/export/golden';
import { applyImport, existingVersions } from './apply';
import { lessonIdForHypothesis } from './hypothesis';
import { formatIssue, parseImport, readImport, sortImport } from './preview';

const text = readFixture('hypothesis-export.json');

describe('Hypothesis import', () => {
  const p = parseImport(text);

  it('gives an annotation the id it was given by every earlier version (UUID v5 of its URL), so re-imports update', () => {
    expect(lessonIdForHypothesis('abc')).toBe('d0629947-4413-578a-b949-847eddbcb427');
    // A malformed id from a hostile file still gives an id (its lone surrogate read as U+FFFD).
    expect(lessonIdForHypothesis('\ud800')).toBe(lessonIdForHypothesis('\ufffd'));
  });

  it('recognises the export and sorts its records', () => {
    expect(p).toMatchObject({ error: null, format: 'hypothesis', version: null, total: 6 });
    expect(p.toCreate).toHaveLength(3);
    expect(p.skipped).toEqual([{ index: 3, reason: 'a reply to another annotation, not a lesson' }]);
    expect(p.invalid.map((r) => r.index)).toEqual([4, 5]);
    expect(p.invalid[0].issues.map(formatIssue)).toEqual(['annotations[4] → lesson.source.url: Invalid URL']);
    expect(p.invalid[1].issues.map((i) => i.path)).toEqual(['annotations[5] → lesson.createdAt']);
  });

  it('maps quote, note, tags, URL, title, dates and selectors', () => {
    const [first] = p.toCreate;
    expect(first).toStrictEqual({
      id: lessonIdForHypothesis('Xq3k9vTmEe-Zb0sH1c2d3A'),
      kind: 'mistake',
      title: 'This is exactly what went wrong in OPS-42: we looked for **who**, not *why*.',
      quote: 'A blameless post-mortem asks what made the mistake easy to make, not who made it.',
      note: 'This is exactly what went wrong in OPS-42: we looked for **who**, not *why*.',
      answers: [],
      actions: [],
      tags: ['postmortem', 'mistake', 'culture'],
      source: {
        url: 'https://martinfowler.com/articles/blameless-postmortem.html',
        site: 'web',
        workItem: 'https://martinfowler.com/articles/blameless-postmortem.html',
        title: 'Blameless post-mortems',
        labels: [],
      },
      anchor: {
        quote: {
          type: 'TextQuoteSelector',
          exact: 'A blameless post-mortem asks what made the mistake easy to make, not who made it.',
          prefix: 'reviews after an outage.\n\n',
          suffix: ' Teams that do this learn faster',
        },
        position: { type: 'TextPositionSelector', start: 4200, end: 4312 },
        root: 'body',
      },
      visibility: 'private',
      author: 'Alice Example',
      createdAt: '2025-03-11T09:15:42.118Z',
      updatedAt: '2025-03-12T08:01:07.904Z',
      helped: 0,
    });
  });

  it('defaults the kind to experience, names the author from the account, and keys the page as a capture there would', () => {
    const second = p.toCreate[1];
    expect(second.kind).toBe('experience');
    expect(second.note).toBe('');
    expect(second.author).toBe('alice');
    // An annotation on a pull request's comment belongs to the pull request: the side panel lists
    // it and the page highlights it there, as it does a lesson captured on that page (the saved
    // pages in lib/sites/fixtures.test.ts are keyed the same from their URL and their markup).
    expect(second.source).toMatchObject({
      url: 'https://github.com/acme/shop/pull/7',
      site: 'github',
      workItem: 'github:acme/shop#7',
      project: 'acme/shop',
    });
    expect(second.title).toBe('Pairing on the review halved the wait');
  });

  it('keys annotations on self-hosted Jira by issue when the settings name the host', () => {
    const data = JSON.parse(text);
    const uri = 'https://jira.corp.example/browse/OPS-42?focusedCommentId=1';
    data.annotations = [{ ...data.annotations[0], uri, target: [{ ...data.annotations[0].target[0], source: uri }] }];
    const file = JSON.stringify(data);
    expect(parseImport(file).toCreate[0].source).toMatchObject({ site: 'web', workItem: 'https://jira.corp.example/browse/OPS-42?focusedCommentId=1' });
    const known = sortImport(readImport(file, { hosts: { jira: ['jira.corp.example'] } }), new Map());
    expect(known.toCreate[0].source).toMatchObject({ site: 'jira', workItem: 'jira:jira.corp.example:OPS-42', project: 'OPS' });
  });

  it('imports a page note without a quote or anchor, kind from a pillar tag', () => {
    const note = p.toCreate[2];
    expect(note.kind).toBe('improvement');
    expect(note.quote).toBe('');
    expect(note.anchor).toBeUndefined();
    expect(note.tags).toEqual(['reading-list', 'improvement']);
    expect(note.title).toBe('Page note: read the whole series before the retro.');
  });

  it('updates instead of duplicating when the same export is imported again', async () => {
    const db = openDb(`hypothesis-${Math.random()}`);
    expect(await applyImport(db, p)).toEqual({ created: 3, updated: 0, skipped: 0 });
    const again = parseImport(text, await existingVersions(db));
    expect(again.toCreate).toEqual([]);
    expect(again.unchanged).toHaveLength(3);

    const edited = JSON.parse(text);
    edited.annotations[0].text = 'Edited on Hypothesis.';
    edited.annotations[0].updated = '2025-03-18T10:00:00.000000+00:00';
    const third = parseImport(JSON.stringify(edited), await existingVersions(db));
    expect(third.toUpdate.map((l) => l.note)).toEqual(['Edited on Hypothesis.']);
    expect(await applyImport(db, third)).toEqual({ created: 0, updated: 1, skipped: 0 });
    expect(await db.lessons.count()).toBe(3);
    expect((await db.lessons.get(lessonIdForHypothesis('Xq3k9vTmEe-Zb0sH1c2d3A')))?.note).toBe('Edited on Hypothesis.');
    db.close();
  });

  it('accepts the client’s string form of the document title', () => {
    const data = JSON.parse(text);
    data.annotations = [{ ...data.annotations[0], document: { title: 'A string title' } }];
    expect(parseImport(JSON.stringify(data)).toCreate[0].source.title).toBe('A string title');
  });
});
