import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from './settings-storage';
import { followKnownHosts, knownHosts } from './known-hosts';
import { DEFAULT_SETTINGS } from '../settings';

describe('knownHosts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the hosts the settings item stores', async () => {
    const hosts = { ...DEFAULT_SETTINGS.hosts, jira: ['jira.corp.example'], github: ['git.corp.example'] };
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hosts });
    expect(await knownHosts()).toEqual(hosts);
  });

  it('reads malformed or missing settings as no hosts', async () => {
    const none = DEFAULT_SETTINGS.hosts;
    expect(Object.keys(none)).toEqual(expect.arrayContaining(['jira', 'confluence', 'github']));
    expect(Object.values(none).every((list) => list.length === 0)).toBe(true);
    expect(await knownHosts()).toEqual(none);
    await fakeBrowser.storage.local.set({ settings: { hosts: { jira: 'nope', github: [42, 'ok.example'] } } });
    expect(await knownHosts()).toEqual({ ...none, github: ['ok.example'] });
  });
});

describe('followKnownHosts', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads the settings once for many asks, and again after they change', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hosts: { ...DEFAULT_SETTINGS.hosts, jira: ['jira.corp.example'] } });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const hosts = followKnownHosts();
    expect((await Promise.all([hosts(), hosts(), hosts()])).map((h) => h.jira)).toEqual([['jira.corp.example'], ['jira.corp.example'], ['jira.corp.example']]);
    expect(get).toHaveBeenCalledTimes(1);

    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hosts: { ...DEFAULT_SETTINGS.hosts, jira: ['jira.other.example'] } });
    expect((await hosts()).jira).toEqual(['jira.other.example']);
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('reads again after a failed read', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage gone'));
    const hosts = followKnownHosts();
    await expect(hosts()).rejects.toThrow('storage gone');
    expect(await hosts()).toEqual(DEFAULT_SETTINGS.hosts);
    expect(get).toHaveBeenCalledTimes(2);
  });
});
