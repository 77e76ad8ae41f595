import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from './settings-storage';
import { knownHosts } from './known-hosts';
import { DEFAULT_SETTINGS } from '../settings';

describe('knownHosts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the hosts the settings item stores', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hosts: { jira: ['jira.corp.example'], confluence: [], github: ['git.corp.example'] } });
    expect(await knownHosts()).toEqual({ jira: ['jira.corp.example'], confluence: [], github: ['git.corp.example'] });
  });

  it('reads malformed or missing settings as no hosts', async () => {
    expect(await knownHosts()).toEqual({ jira: [], confluence: [], github: [] });
    await fakeBrowser.storage.local.set({ settings: { hosts: { jira: 'nope', github: [42, 'ok.example'] } } });
    expect(await knownHosts()).toEqual({ jira: [], confluence: [], github: ['ok.example'] });
  });
});
