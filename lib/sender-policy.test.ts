import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type LessonDb } from './db/database';
import type { WorkerMessage } from './messages';
import { CONTENT_SCRIPT_RULES, pageOwns, SenderRefusedError, senderKind, type Sender } from './sender-policy';
import { createHandlers, dispatchChecked, lessonWorkItems, type Handlers } from './service';
import { workerHandlers } from '../test/support/handlers';

const EXT = 'chrome-extension://abcdefghijklmnop/';
const hosts = { jira: ['jira.corp.example'], confluence: ['wiki.corp.example'], github: ['ghe.corp.example'] };

describe('senderKind', () => {
  it.each<[string, Sender, string]>([
    ['the library in a tab', { tabId: 3, url: `${EXT}library.html`, tabUrl: `${EXT}library.html` }, 'extension'],
    ['the popup', { url: `${EXT}popup.html` }, 'extension'],
    ['a content script', { tabId: 3, url: 'https://example.com/a' }, 'content-script'],
    ['another extension', { url: 'chrome-extension://zzzz/popup.html' }, 'unknown'],
    ['a tab on a file', { tabId: 3, url: 'file:///etc/passwd' }, 'unknown'],
    ['a page pretending with a path', { tabId: 3, url: `https://evil.example/${EXT}` }, 'content-script'],
    ['no url at all', { tabId: 3 }, 'unknown'],
  ])('%s', (_, sender, kind) => expect(senderKind(sender, EXT)).toBe(kind));
});

describe('pageOwns: a page owns the work item its URL names, else same site and host', () => {
  it.each([
    ['https://acme.atlassian.net/browse/ACME-1', 'jira:acme.atlassian.net:ACME-1', true],
    ['https://acme.atlassian.net/browse/ACME-1', 'jira:acme.atlassian.net:ACME-2', false],
    ['https://acme.atlassian.net/browse/ACME-1', 'jira:other.atlassian.net:ACME-1', false],
    ['https://acme.atlassian.net/browse/ACME-1', 'jira:ACME-1', false],
    ['https://jira.corp.example/secure/ViewIssue.jspa?id=1', 'jira:jira.corp.example:OPS-42', true],
    ['https://jira.corp.example/secure/ViewIssue.jspa?id=1', 'jira:acme.atlassian.net:OPS-42', false],
    ['http://localhost:4173/browse/ACME-1', 'jira:localhost:4173:ACME-1', false],
    ['https://github.com/acme/shop/issues/12', 'github:acme/shop#12', true],
    ['https://github.com/acme/shop/pull/12/files', 'github:acme/shop#12', true],
    ['https://github.com/acme/shop/issues/12', 'github:acme/shop#13', false],
    ['https://github.com/acme/shop/issues/12', 'github:other/shop#12', false],
    ['https://ghe.corp.example/acme/shop/issues/3', 'github:ghe.corp.example/acme/shop#3', true],
    ['https://ghe.corp.example/acme/shop/issues/3', 'github:acme/shop#3', false],
    ['https://acme.atlassian.net/wiki/spaces/ENG/pages/123/Runbook', 'confluence:acme.atlassian.net:123', true],
    ['https://acme.atlassian.net/wiki/spaces/ENG/pages/123/Runbook', 'confluence:acme.atlassian.net:124', false],
    ['https://wiki.corp.example/display/ENG/Runbook', 'confluence:wiki.corp.example:555', true],
    ['https://wiki.corp.example/display/ENG/Runbook', 'confluence:other.example:555', false],
    ['https://blog.example/post?id=1', 'https://blog.example/post?id=1', true],
    ['https://blog.example/post?id=1', 'https://blog.example/post?id=2', false],
    ['https://blog.example/post', 'github:acme/shop#12', false],
    ['https://blog.example/post', 'confluence:blog.example:1', false],
    ['javascript:alert(1)', 'javascript:alert(1)', false],
  ])('%s owns %s: %s', (url, workItem, owns) => expect(pageOwns(url, workItem, hosts)).toBe(owns));
});

const source = { url: 'https://github.com/acme/shop/issues/12', site: 'github', workItem: 'github:acme/shop#12', title: 'Checkout 502s' } as const;
const otherSource = { url: 'https://github.com/acme/shop/issues/99', site: 'github', workItem: 'github:acme/shop#99', title: 'Other' } as const;
const tab = (url: string): Sender => ({ tabId: 7, url, tabUrl: url });
const extension: Sender = { url: `${EXT}library.html` };

let db: LessonDb;
let handlers: Handlers;
let policy: Parameters<typeof dispatchChecked>[4];
beforeEach(() => {
  db = openDb(`policy-${Math.random()}`);
  handlers = workerHandlers(db);
  policy = { extensionOrigin: EXT, hosts: async () => hosts, workItemsOf: lessonWorkItems(db) };
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const snapshot = async () => JSON.stringify(await db.lessons.toArray());
const send = <K extends WorkerMessage>(name: K, payload: unknown, sender: Sender) => dispatchChecked(handlers, name, payload, sender, policy, () => {});

describe('checkSender', () => {
  it('lets a content script read, save and change the lessons of its own page', async () => {
    const page = tab(source.url);
    const saved = await send('saveLesson', { kind: 'mistake', note: 'n', source }, page);
    expect((await send('lessonsForPage', { workItem: source.workItem }, page)).lessons).toHaveLength(1);
    await send('updateLesson', { id: saved.id, patch: { note: 'better' } }, page);
    await send('deleteLessons', { ids: [saved.id] }, page);
    await send('restoreLessons', { ids: [saved.id] }, page);
    for (const [name, payload] of [
      ['pageReport', { workItem: source.workItem, url: source.url, found: [saved.id], notFound: [] }],
      ['pageGist', { source, text: 'checkout pool' }],
    ] as const) {
      await send(name, payload, page).catch((e) => expect(e, name).not.toBeInstanceOf(SenderRefusedError));
    }
    expect((await db.lessons.get(saved.id))?.note).toBe('better');
  });

  it('refuses a content script everything about another page and changes nothing', async () => {
    const other = await send('saveLesson', { kind: 'mistake', note: 'private', source: otherSource }, extension);
    const page = tab(source.url);
    const before = await snapshot();
    const attempts: [WorkerMessage, unknown][] = [
      ['lessonsForPage', { workItem: otherSource.workItem }],
      ['saveLesson', { kind: 'mistake', source: otherSource }],
      ['updateLesson', { id: other.id, patch: { note: 'pwned' } }],
      ['deleteLessons', { ids: [other.id] }],
      ['restoreLessons', { ids: [other.id] }],
      ['openLibrary', { lessonId: other.id }],
      ['suggestTags', { source: otherSource }],
      ['pageReport', { workItem: otherSource.workItem, url: source.url, found: [], notFound: [] }],
      ['pageReport', { workItem: source.workItem, url: otherSource.url, found: [], notFound: [] }],
      // A page cannot make another page's badge count.
      ['pageGist', { source: otherSource, text: '' }],
    ];
    for (const [name, payload] of attempts) await expect(send(name, payload, page), name).rejects.toBeInstanceOf(SenderRefusedError);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a content script the library, import, bulk, export and sync messages', async () => {
    const saved = await send('saveLesson', { kind: 'mistake', source }, extension);
    const page = tab(source.url);
    const before = await snapshot();
    const attempts: [WorkerMessage, unknown][] = [
      ['updateLessons', { ids: [saved.id], patch: { visibility: 'team' } }],
      ['markHelped', { id: saved.id }],
      ['previewImport', { url: 'blob:https://github.com/x' }],
      ['applyImport', { url: 'blob:https://github.com/x' }],
      ['syncNow', { force: true }],
      ['dismissSyncConflicts', { seqs: [1] }],
    ];
    for (const [name, payload] of attempts) {
      await expect(send(name, payload, page), name).rejects.toThrow(/only extension pages/);
    }
    expect(await snapshot()).toBe(before);
  });

  it('lets a tab on an added host ask by its URL before it knows the hosts, and names them to it alone', async () => {
    handlers = { ...workerHandlers(db), ...createHandlers(db, {}, { detectOptions: async () => ({ hosts }) }) };
    const page = tab('https://jira.corp.example/browse/OPS-42');
    expect(await send('lessonsForPage', { workItem: 'https://jira.corp.example/browse/OPS-42' }, page)).toEqual({ lessons: [], hosts: { jira: ['jira.corp.example'] } });
    expect(await send('lessonsForPage', { workItem: 'jira:jira.corp.example:OPS-42' }, page)).toEqual({ lessons: [], hosts: { jira: ['jira.corp.example'] } });
    // Another page's URL is still another page's.
    await expect(send('lessonsForPage', { workItem: 'https://jira.corp.example/browse/OPS-43' }, page)).rejects.toBeInstanceOf(SenderRefusedError);
  });

  it('refuses a sender that is neither an extension page nor a web page', async () => {
    await expect(send('lessonsForPage', { workItem: source.workItem }, { url: 'chrome-extension://other/x.html' })).rejects.toBeInstanceOf(SenderRefusedError);
  });

  it('lets extension pages send everything', async () => {
    const saved = await send('saveLesson', { kind: 'mistake', source: otherSource }, extension);
    await send('updateLessons', { ids: [saved.id], patch: { tags: ['x'] } }, extension);
    expect((await send('lessonsForPage', { workItem: otherSource.workItem }, extension)).lessons).toHaveLength(1);
  });

  it('names every content-script message it allows; the rest of the protocol is for extension pages', () => {
    expect(Object.keys(CONTENT_SCRIPT_RULES).sort()).toEqual(
      ['deleteLessons', 'lessonsForPage', 'loadPageCard', 'loadPageLayer', 'openCapture', 'openLibrary', 'pageGist', 'pageReport', 'restoreLessons', 'saveLesson', 'suggestTags', 'updateLesson'].sort(),
    );
  });
});
