import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import '@/components/options/options.css';
import { Options } from '@/components/options/Options';
import { openDb } from '@/lib/db/database';
import { sendMessage } from '@/lib/messaging';
import { getSettings } from '@/lib/platform/settings-storage';
import { saveSettingsAndToken, withSavedToken } from '@/lib/platform/team-token';
import { followTeamStream } from '@/lib/platform/sync-stream';
import { testConnection } from '@/lib/sync/connection';
import { t } from '@/lib/i18n';

// While this page is open, the team's event stream triggers pulls (the worker cannot hold it).
followTeamStream();

const db = openDb();

document.title = t('options.pageTitle');
render(
  <Options
    env={{
      db,
      loadSettings: getSettings,
      saveSettings: (change) => saveSettingsAndToken(db, change),
      testConnection: async (target) => testConnection((url, init) => fetch(url, init), await withSavedToken(db, target)),
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
