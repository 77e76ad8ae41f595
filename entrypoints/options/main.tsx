import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import '@/components/options/options.css';
import { Options } from '@/components/options/Options';
import { openDb } from '@/lib/db';
import { sendMessage } from '@/lib/messaging';
import { getSettings, updateSettings } from '@/lib/platform/settings';
import { followTeamStream } from '@/lib/platform/sync-stream';
import { testConnection } from '@/lib/sync/connection';

// While this page is open, the team's event stream triggers pulls (the worker cannot hold it).
followTeamStream();

render(
  <Options
    env={{
      db: openDb(),
      loadSettings: getSettings,
      saveSettings: updateSettings,
      testConnection: (target) => testConnection((url, init) => fetch(url, init), target),
      syncNow: () => sendMessage('syncNow', { force: true }),
      dismissConflicts: (seqs) => sendMessage('dismissSyncConflicts', { seqs }),
      grantHost: (pattern) => browser.permissions.request({ origins: [pattern] }),
      revokeHost: async (pattern) => void (await browser.permissions.remove({ origins: [pattern] })),
      libraryUrl: browser.runtime.getURL('/library.html'),
      now: () => new Date(),
    }}
  />,
  document.getElementById('app')!,
);
