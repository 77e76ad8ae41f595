import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../db/database';
import { readHeadForWebTabs, readHeadPlain, RELATED_KEY } from './wake-head';

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
