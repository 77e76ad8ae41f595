import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '../messaging';
import { savePageReport } from './page-status';
import { announceChange } from './tabs';

vi.mock('../messaging', () => ({ sendMessage: vi.fn(async () => undefined) }));

const report = (workItem: string) => ({ workItem, url: 'https://example.com', found: [], notFound: [] });

describe('announceChange', () => {
  let ids: number[] = [];
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.mocked(sendMessage).mockClear();
    for (let i = 0; i < 3; i++) await fakeBrowser.tabs.create({ url: `https://example.com/${i}` });
    ids = (await fakeBrowser.tabs.query({})).map((t) => t.id!);
    await savePageReport(ids[0], report('github:acme/shop#12'));
    await savePageReport(ids[1], report('github:acme/shop#13'));
  });
  const told = () => vi.mocked(sendMessage).mock.calls.map(([name, data, tabId]) => [name, data, tabId]);

  it('tells the tabs showing a touched work item, and those that have not reported their page yet', async () => {
    await announceChange(['github:acme/shop#12']);
    expect(told()).toEqual([
      ['lessonsChanged', { workItem: 'github:acme/shop#12' }, ids[0]],
      ...ids.slice(2).map((id) => ['lessonsChanged', {}, id]),
    ]);
  });

  it('tells the tab a write came from, whatever its last report says', async () => {
    await announceChange(['github:acme/shop#12'], ids[1]);
    expect(told().map(([, , tabId]) => tabId)).toEqual(ids);
  });

  it('tells every tab after a write that may touch any page', async () => {
    await announceChange('all');
    expect(told().map(([, , tabId]) => tabId)).toEqual(ids);
  });
});
