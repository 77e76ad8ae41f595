import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type LessonDb } from './db/database';
import { InvalidMessageError, isWrite, parseMessage, workerMessages } from './messages';
import { exportJson } from './export/json';
import type { Lesson } from './lesson';
import { createHandlers, dispatch, type Handlers, type Touched } from './service';
import { parseTabMessage } from './tab-messages';
import { workerHandlers } from '../test/support/handlers';

const source = {
  url: 'https://github.com/acme/shop/issues/12',
  site: 'github',
  workItem: 'github:acme/shop#12',
  title: 'Checkout 502s',
  project: 'acme/shop',
  labels: ['bug', 'Checkout'],
} as const;

let db: LessonDb;
let handlers: ReturnType<typeof createHandlers>;
let clock = Date.parse('2026-11-20T10:00:00Z');

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  handlers = createHandlers(db, { now: () => new Date((clock += 1000)) });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('message validation', () => {
  it.each([
    ['no payload', undefined],
    ['a string', 'save me'],
    ['a lesson without a source', { kind: 'mistake', quote: 'x' }],
    ['an unknown kind', { kind: 'rumour', source }],
    ['a quote that is too long', { kind: 'mistake', source, quote: 'x'.repeat(20_001) }],
  ])('rejects saveLesson with %s and writes nothing', async (_, payload) => {
    await expect(dispatch(handlers, 'saveLesson', payload)).rejects.toBeInstanceOf(InvalidMessageError);
    expect(await db.lessons.count()).toBe(0);
  });

  it('rejects an unknown message', () => {
    expect(() => parseMessage('dropTables' as never, {})).toThrow(/unknown message/);
  });

  it('says which field is wrong', async () => {
    await expect(dispatch(handlers, 'deleteLessons', { ids: ['nope'] })).rejects.toThrow(/id/);
  });
});

describe('messages to tabs', () => {
  it.each([
    ['flashLesson', { id: 'not-a-uuid' }],
    ['flashLesson', undefined],
    ['lessonsChanged', { workItem: 42 }],
    ['lessonsChanged', { workItem: '' }],
    ['lessonsChanged', 'repaint'],
  ] as const)('refuses %s with a bad payload on receipt', (name, payload) => {
    expect(() => parseTabMessage(name, payload)).toThrow(InvalidMessageError);
  });

  it('passes valid payloads on', () => {
    const id = '0190f000-0000-7000-8000-000000000000';
    expect(parseTabMessage('flashLesson', { id, extra: 1 })).toEqual({ id });
    expect(parseTabMessage('lessonsChanged', {})).toEqual({});
    expect(parseTabMessage('lessonsChanged', { workItem: source.workItem })).toEqual({ workItem: source.workItem });
  });
});

describe('routing', () => {
  it('marks the lesson writes, and only them, as writes', () => {
    expect(workerMessages.filter(isWrite).sort()).toEqual(
      ['applyImport', 'deleteLessons', 'markHelped', 'restoreLessons', 'saveLesson', 'updateLesson', 'updateLessons'].sort(),
    );
  });

  it('announces what each write touched, after it succeeded, and nothing for reads or failures', async () => {
    const announced: Touched[] = [];
    const after = (t: Touched) => void announced.push(t);
    const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'a', source }, {}, after);
    await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'b', source: { ...source, workItem: 'github:acme/shop#13' } }, {}, after);
    await dispatch(handlers, 'lessonsForPage', { workItem: source.workItem }, {}, after);
    await expect(dispatch(handlers, 'markHelped', { id: '0190f000-0000-7000-8000-000000000000' }, {}, after)).rejects.toThrow();
    await dispatch(handlers, 'deleteLessons', { ids: [a.id] }, {}, after);
    await dispatch(handlers, 'applyImport', { url: URL.createObjectURL(new Blob([exportJson([a])])) }, {}, after);
    expect(announced).toEqual([[source.workItem], ['github:acme/shop#13'], [source.workItem], 'all']);
  });

  it('does not compile a worker missing a handler, or a write that does not say what it touched', () => {
    const { openCapture: _, ...missingOne } = workerHandlers(db);
    // @ts-expect-error: every worker message needs its handler
    const incomplete: Handlers = missingOne;
    // @ts-expect-error: a write's handler returns what it touched with its reply
    const unannounced: Pick<Handlers, 'markHelped'> = { markHelped: async () => ({}) as Lesson };
    expect([incomplete, unannounced]).toHaveLength(2);
  });
});

describe('lesson handlers', () => {
  it('saves a valid draft with id, title and timestamps', async () => {
    const saved = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'Pool exhausted under load. More text.', source, tags: ['CI'] });
    expect(saved.title).toBe('Pool exhausted under load.');
    expect(saved.tags).toEqual(['ci']);
    expect(await db.lessons.get(saved.id)).toEqual(saved);
  });

  it('lists live lessons for a work item, newest first, and undoes a delete', async () => {
    const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'first', source });
    const b = await dispatch(handlers, 'saveLesson', { kind: 'experience', quote: 'second', source });
    await dispatch(handlers, 'saveLesson', { kind: 'experience', quote: 'elsewhere', source: { ...source, workItem: 'github:acme/shop#13' } });
    expect((await dispatch(handlers, 'lessonsForPage', { workItem: source.workItem })).lessons.map((l) => l.id)).toEqual([b.id, a.id]);

    const [deleted] = await dispatch(handlers, 'deleteLessons', { ids: [a.id] });
    expect(deleted.deletedAt).toBeDefined();
    expect((await dispatch(handlers, 'lessonsForPage', { workItem: source.workItem })).lessons.map((l) => l.id)).toEqual([b.id]);

    const [restored] = await dispatch(handlers, 'restoreLessons', { ids: [a.id] });
    expect(restored.deletedAt).toBeUndefined();
    expect((await dispatch(handlers, 'lessonsForPage', { workItem: source.workItem })).lessons).toHaveLength(2);
  });

  it("keeps a tab's empty page report when it answers a page with nothing to anchor", async () => {
    const reports: unknown[] = [];
    const reporting = createHandlers(db, {}, { reportPage: async (tabId, report) => void reports.push([tabId, report]) });
    const tab = { tabId: 7, url: 'https://github.com/acme/shop/issues/12#top' };
    await dispatch(reporting, 'saveLesson', { kind: 'mistake', source });
    await dispatch(reporting, 'lessonsForPage', { workItem: source.workItem }, tab);
    expect(reports).toEqual([[7, { workItem: source.workItem, url: tab.url, found: [], notFound: [] }]]);

    // Lessons to anchor: the tab's page layer reports what it found. An extension page is no tab.
    await dispatch(reporting, 'saveLesson', { kind: 'mistake', quote: 'first', source, anchor: { root: 'body', quote: { exact: 'first' } } });
    await dispatch(reporting, 'lessonsForPage', { workItem: source.workItem }, tab);
    await dispatch(reporting, 'lessonsForPage', { workItem: 'github:acme/shop#13' }, {});
    expect(reports).toHaveLength(1);
  });

  it('injects the page layer before answering a tab that has none, only when a lesson is to be anchored', async () => {
    const injected: number[] = [];
    const loading = createHandlers(db, {}, { loadPageLayer: async (tabId) => void injected.push(tabId) });
    const tab = { tabId: 7, url: 'https://github.com/acme/shop/issues/12' };
    await dispatch(loading, 'saveLesson', { kind: 'mistake', source });
    // Nothing to anchor: no layer, however the tab asks.
    await dispatch(loading, 'lessonsForPage', { workItem: source.workItem, withLayer: true }, tab);
    expect(injected).toEqual([]);

    await dispatch(loading, 'saveLesson', { kind: 'mistake', quote: 'first', source, anchor: { root: 'body', quote: { exact: 'first' } } });
    await dispatch(loading, 'lessonsForPage', { workItem: source.workItem, withLayer: true }, tab);
    expect(injected).toEqual([7]);
    // A tab that has its layer (or asks without the flag, as an older script does) gets none; nor does an extension page.
    await dispatch(loading, 'lessonsForPage', { workItem: source.workItem, withLayer: false }, tab);
    await dispatch(loading, 'lessonsForPage', { workItem: source.workItem }, tab);
    await dispatch(loading, 'lessonsForPage', { workItem: source.workItem, withLayer: true }, {});
    expect(injected).toEqual([7]);

    // An injection that fails still answers with the lessons: the tab asks for its layer itself.
    const failing = createHandlers(db, {}, { loadPageLayer: async () => Promise.reject(new Error('Cannot access contents of the page')) });
    expect((await dispatch(failing, 'lessonsForPage', { workItem: source.workItem, withLayer: true }, tab)).lessons).toHaveLength(2);
  });

  it("answers a tab with the person's added hosts that are its page's host, and no others", async () => {
    const settings = createHandlers(db, {}, { detectOptions: async () => ({ hosts: { jira: ['jira.corp.example', 'other.example'], confluence: ['JIRA.corp.example:443'], github: ['git.corp.example'] } }) });
    const ask = (url?: string) => dispatch(settings, 'lessonsForPage', { workItem: 'https://jira.corp.example/browse/OPS-42' }, { tabId: 7, url });
    expect((await ask('https://jira.corp.example/browse/OPS-42')).hosts).toEqual({ jira: ['jira.corp.example'] });
    expect((await ask('https://news.example/story')).hosts).toEqual({});
    // An extension page, or a sender without a web page's URL, learns none.
    expect((await ask()).hosts).toEqual({});
    expect((await ask('chrome-extension://abc/library.html')).hosts).toEqual({});
  });

  it("keeps only a tab's latest page report: an answer overtaken by a navigation's does not replace it", async () => {
    const reports: unknown[] = [];
    const reporting = createHandlers(db, {}, { reportPage: async (tabId, report) => void reports.push([tabId, report]) });
    const next = { ...source, workItem: 'github:acme/shop#13' };
    // The first page's lessons are read slowly: the tab navigates and asks again meanwhile.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const where = db.lessons.where.bind(db.lessons);
    vi.spyOn(db.lessons, 'where').mockImplementationOnce(((index: string) => ({
      equals: (value: string) => ({ toArray: async () => (await held, where(index).equals(value).toArray()) }),
    })) as never);
    const first = dispatch(reporting, 'lessonsForPage', { workItem: source.workItem }, { tabId: 7, url: 'https://github.com/acme/shop/issues/12' });
    await dispatch(reporting, 'lessonsForPage', { workItem: next.workItem }, { tabId: 7, url: 'https://github.com/acme/shop/issues/13' });
    release();
    await first;
    expect(reports).toEqual([[7, { workItem: next.workItem, url: 'https://github.com/acme/shop/issues/13', found: [], notFound: [] }]]);
  });

  it('updates fields and validates the result', async () => {
    const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'first', source });
    const updated = await dispatch(handlers, 'updateLesson', { id: a.id, patch: { note: 'Add a pool metric', tags: ['Pool'] } });
    // The title was made from the quote; made from the lesson's words, it follows the new note.
    expect(updated).toMatchObject({ note: 'Add a pool metric', title: 'Add a pool metric', tags: ['pool'], quote: 'first' });
    expect(updated.updatedAt > a.updatedAt).toBe(true);
    await expect(dispatch(handlers, 'updateLesson', { id: a.id, patch: { kind: 'nonsense' } })).rejects.toThrow();
    expect((await db.lessons.get(a.id))?.kind).toBe('mistake');
  });

  it('suggests the page tags first, then tags used before near it, never from another site', async () => {
    await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'x', source, tags: ['flaky-tests', 'ci'] });
    await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'y', source, tags: ['ci', 'github'] });
    const confluence = { url: 'https://acme.atlassian.net/wiki/spaces/ENG/pages/1/X', site: 'confluence' as const, workItem: 'confluence:acme.atlassian.net:1', project: 'ENG' };
    await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'z', source: confluence, tags: ['postmortem'] });
    expect(await dispatch(handlers, 'suggestTags', { source })).toEqual(['acme/shop', 'bug', 'checkout', 'ci', 'flaky-tests']);
    expect(await dispatch(handlers, 'suggestTags', { source: confluence })).toEqual(['eng', 'postmortem']);
  });

  it('applies bulk changes in one transaction: all or nothing', async () => {
    const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'a', source });
    const b = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'b', source });
    const changed = await dispatch(handlers, 'updateLessons', { ids: [a.id, b.id], patch: { visibility: 'team' } });
    expect(changed.map((l) => l.visibility)).toEqual(['team', 'team']);
    const missing = '0190f000-0000-7000-8000-000000000000';
    await expect(dispatch(handlers, 'updateLessons', { ids: [a.id, missing], patch: { visibility: 'private' } })).rejects.toThrow(/No lesson/);
    expect((await db.lessons.get(a.id))?.visibility).toBe('team');
  });

  it('counts "this helped"', async () => {
    const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'a', source });
    await dispatch(handlers, 'markHelped', { id: a.id });
    expect((await dispatch(handlers, 'markHelped', { id: a.id })).helped).toBe(2);
  });

  describe('import', () => {
    const fileUrl = (lessons: unknown[]) => URL.createObjectURL(new Blob([exportJson(lessons as Lesson[])]));

    it('previews the file the page chose, then writes its valid lessons', async () => {
      const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'a', source });
      const copy = { ...a, id: '0190f000-0000-7000-8000-000000000001', quote: 'imported' };
      const url = fileUrl([copy, { ...copy, id: '0190f000-0000-7000-8000-000000000002', kind: 'bad' }, a]);
      expect(await dispatch(handlers, 'previewImport', { url })).toMatchObject({ error: null, total: 3, create: 1, update: 0, unchanged: 1, invalidCount: 1 });
      expect(await db.lessons.count()).toBe(1);
      expect(await dispatch(handlers, 'applyImport', { url })).toEqual({ written: 1, skipped: 0 });
      expect((await db.lessons.get(copy.id))?.quote).toBe('imported');
      expect(await db.lessons.count()).toBe(2);
    });

    it('writes nothing for a file that is not an export', async () => {
      const url = URL.createObjectURL(new Blob(['{"format":"lessonmark", "lessons": [']));
      expect((await dispatch(handlers, 'previewImport', { url })).error).toMatch(/not JSON/);
      await expect(dispatch(handlers, 'applyImport', { url })).rejects.toThrow(/not JSON/);
      expect(await db.lessons.count()).toBe(0);
    });

    it('refuses a file given by anything but a blob: URL', async () => {
      await expect(dispatch(handlers, 'previewImport', { url: 'https://example.com/lessons.json' })).rejects.toThrow(InvalidMessageError);
    });

    it('keeps a stored lesson edited since the preview over the older imported copy (newest wins)', async () => {
      const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'first words', source });
      const backup = { ...a, note: 'from the backup', updatedAt: new Date(clock + 500).toISOString() };
      const other = { ...a, id: '0190f000-0000-7000-8000-000000000003', quote: 'fresh' };
      const url = fileUrl([backup, other]);
      expect(await dispatch(handlers, 'previewImport', { url })).toMatchObject({ create: 1, update: 1 });
      const edited = await dispatch(handlers, 'updateLesson', { id: a.id, patch: { note: 'edited after the preview' } });
      expect(await dispatch(handlers, 'applyImport', { url })).toEqual({ written: 1, skipped: 1 });
      expect(await db.lessons.get(a.id)).toEqual(edited);
      expect((await db.lessons.get(other.id))?.quote).toBe('fresh');
    });

    it('keys Hypothesis annotations on the self-hosted installations the settings name', async () => {
      const uri = 'https://jira.corp.example/browse/OPS-42';
      const annotation = {
        id: 'Rs6bX9hGEfC7zDiU8a1wSd',
        created: '2025-04-02T10:00:00.000000+00:00',
        updated: '2025-04-02T10:00:00.000000+00:00',
        uri,
        text: 'Quarantine flaky tests with a ticket.',
        target: [{ source: uri, selector: [{ type: 'TextQuoteSelector', exact: 'fails intermittently' }] }],
      };
      const url = URL.createObjectURL(new Blob([JSON.stringify({ export_date: '2025-04-03', annotations: [annotation] })]));
      const settings = createHandlers(db, {}, { detectOptions: async () => ({ hosts: { jira: ['jira.corp.example'] } }) });
      expect(await dispatch(settings, 'previewImport', { url })).toMatchObject({ format: 'hypothesis', create: 1 });
      expect(await dispatch(settings, 'applyImport', { url })).toEqual({ written: 1, skipped: 0 });
      const onIssue = await dispatch(settings, 'lessonsForPage', { workItem: 'jira:jira.corp.example:OPS-42' });
      expect(onIssue.lessons.map((l) => [l.quote, l.source.project])).toEqual([['fails intermittently', 'OPS']]);
    });

    it('brings back a lesson deleted here, and reads the file again when the worker slept since the preview', async () => {
      const a = await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'deleted, then restored from a backup', source });
      await dispatch(handlers, 'deleteLessons', { ids: [a.id] });
      const url = fileUrl([a]);
      expect(await dispatch(handlers, 'previewImport', { url })).toMatchObject({ create: 1, revived: 1, unchanged: 0 });
      const woken = createHandlers(db, { now: () => new Date((clock += 1000)) });
      expect(await dispatch(woken, 'applyImport', { url })).toEqual({ written: 1, skipped: 0 });
      expect((await db.lessons.get(a.id))?.deletedAt).toBeUndefined();
    });
  });

  it('fails a write on a closed database without losing anything already stored', async () => {
    await dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'kept', source });
    db.close();
    await expect(dispatch(handlers, 'saveLesson', { kind: 'mistake', quote: 'lost?', source })).rejects.toThrow();
    await db.open();
    expect(await db.lessons.count()).toBe(1);
  });
});
