import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../db/database';
import { askGistsAhead, readHeadForWebTabs, readHeadPlain, RELATED_KEY } from './wake-head';

let n = 0;
const names: string[] = [];
const name = () => {
  const it = `wake-head-${++n}`;
  names.push(it);
  return it;
};

afterEach(async () => {
  vi.restoreAllMocks();
  for (const it of names.splice(0)) await Dexie.delete(it);
});

describe('readHeadPlain', () => {
  it('reads the stored related index’s head as Dexie stored it', async () => {
    const db = openDb(name());
    const value = { seq: 3, tag: 7, index: { docLen: new Float32Array([1, 2]) } };
    await db.lessonIndexes.put({ key: RELATED_KEY, value });
    await db.lessonIndexes.put({ key: `${RELATED_KEY}/0`, value: { tag: 7 } });
    expect(await readHeadPlain(db.name)).toEqual(value);
    db.close();
  });

  it('reads nothing, and creates no database, when there is none yet', async () => {
    const missing = name();
    expect(await readHeadPlain(missing)).toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(missing);
  });

  it('lets Dexie upgrade the database once the read is done', async () => {
    const db = openDb(name());
    await db.lessonIndexes.put({ key: RELATED_KEY, value: { seq: 1 } });
    db.close();
    const reading = readHeadPlain(db.name);
    const upgraded = new Dexie(db.name);
    upgraded.version(db.verno + 1).stores({});
    await upgraded.open();
    expect(await reading).toEqual({ seq: 1 });
    upgraded.close();
  });
});

describe('readHeadForWebTabs', () => {
  it('reads for a web page in front, and opens no database for a blank tab or a browser page', async () => {
    const db = openDb(name());
    await db.lessonIndexes.put({ key: RELATED_KEY, value: { seq: 2 } });
    db.close();
    const open = vi.spyOn(indexedDB, 'open');
    expect(await readHeadForWebTabs(Promise.resolve(['about:blank', 'chrome://newtab/', '']), db.name)).toBeUndefined();
    expect(open).not.toHaveBeenCalled();
    expect(await readHeadForWebTabs(Promise.resolve(['chrome://newtab/', 'https://acme.atlassian.net/browse/ACME-7']), db.name)).toEqual({ seq: 2 });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('gives nothing when the tabs cannot be asked', async () => {
    expect(await readHeadForWebTabs(Promise.reject(new Error('no tabs')), name())).toBeUndefined();
  });
});

describe('askGistsAhead', () => {
  const TICKET = 'https://acme.atlassian.net/browse/ACME-7';
  const tabs = Promise.resolve([{ id: 1, url: TICKET }, { id: 2, url: 'chrome://newtab/' }, { id: 3, url: 'https://w.example/' }, { url: TICKET }]);

  it('asks the web tabs in front at once and gives each reply once, to a count of the page it was asked on', async () => {
    const ask = vi.fn(async (tabId: number) => ({ reply: tabId }));
    const gists = askGistsAhead(tabs, ask);
    expect(await gists.take(1, Promise.resolve(TICKET))).toEqual({ reply: 1 });
    expect(ask.mock.calls.map(([tabId]) => tabId)).toEqual([1, 3]);
    // Once: a later count of the tab asks the tab itself.
    expect(await gists.take(1, Promise.resolve(TICKET))).toBeUndefined();
    // Never for a tab that has moved on to another page since, nor one never asked.
    expect(await gists.take(3, Promise.resolve('https://w.example/next'))).toBeUndefined();
    expect(await gists.take(2, Promise.resolve('chrome://newtab/'))).toBeUndefined();
  });

  it('gives nothing for a question that failed, or once forgotten', async () => {
    const failed = askGistsAhead(tabs, async () => {
      throw new Error('no content script');
    });
    expect(await failed.take(1, Promise.resolve(TICKET))).toBeUndefined();
    const forgotten = askGistsAhead(tabs, async (tabId) => ({ reply: tabId }));
    await Promise.resolve();
    forgotten.forget();
    expect(await forgotten.take(3, Promise.resolve('https://w.example/'))).toBeUndefined();
    expect(await askGistsAhead(Promise.reject(new Error('no tabs')), async () => ({})).take(1, Promise.resolve(TICKET))).toBeUndefined();
  });
});
