import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from './settings-storage';
import { knownHosts } from './known-hosts';
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
