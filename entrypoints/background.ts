// First: it starts reading the stored related index while the modules below are evaluated.
import { takeWakeHead } from '@/lib/platform/wake-head-start';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { openDb } from '@/lib/db/database';
import { PANEL_LIMIT } from '@/lib/related/panel-limit';
import { onMessage } from '@/lib/messaging';
import { workerMessages } from '@/lib/messages';
import { createHandlers, dispatchChecked, lessonWorkItems, type AfterWrite, type Handlers } from '@/lib/service';
import { loadPageLayer, openCapture } from '@/lib/platform/capture';
import { platformHandlers } from '@/lib/platform/handlers';
import { announceChange } from '@/lib/platform/tabs';
import { forgetTab, savePageReport } from '@/lib/platform/page-status';
import { watchBadges } from '@/lib/platform/badge';
import { initSidePanel, openSidePanel } from '@/lib/platform/side-panel';
import { getSettings, settingsItem } from '@/lib/platform/settings-storage';
import { followKnownHosts } from '@/lib/platform/known-hosts';
import { initSync } from '@/lib/platform/sync';
import { moveTokenOnce } from '@/lib/platform/team-token';
import { welcomeOnce } from '@/lib/platform/welcome';
import type { WriteContext } from '@/lib/db/store';
import { zodSpeaks } from '@/lib/zod-language';

const SAVE_MENU = 'lessonmark-save';

export default defineBackground(() => {
  zodSpeaks(i18n.t('language'));
  // Lessons are signed with the name set on the options page, kept current as it changes.
  const ctx: WriteContext = {};
  void getSettings().then((s) => (ctx.author = s.displayName || undefined));
  settingsItem.watch((s) => (ctx.author = s?.displayName || undefined));

  const db = openDb();
  // The token leaves the settings (which content scripts can read) before the first sync reads it.
  const sync = initSync(db, moveTokenOnce(db));
  // The side panel's ranking options: the badge counts what the panel lists.
  const badges = watchBadges(db, { limit: PANEL_LIMIT }, takeWakeHead);
  const hosts = followKnownHosts();
  const handlers: Handlers = {
    ...createHandlers(db, ctx, { detectOptions: async () => ({ hosts: await hosts() }), reportPage: savePageReport, loadPageLayer }),
    ...platformHandlers(sync, badges),
  };
  const afterWrite: AfterWrite = (touched, from) => {
    void announceChange(touched, from.tabId);
    void badges.afterWrite();
    sync.afterWrite();
  };

  // Every sender is checked: a content script lives in a page that may be hostile.
  const policy = { extensionOrigin: browser.runtime.getURL('/'), hosts, workItemsOf: lessonWorkItems(db) };
  for (const name of workerMessages) {
    onMessage(name, ({ data, sender }) => {
      const from = { tabId: sender.tab?.id, url: sender.url, tabUrl: sender.tab?.url };
      return dispatchChecked(handlers, name, data, from, policy, afterWrite) as never;
    });
  }

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  initSidePanel();

  browser.runtime.onInstalled.addListener(({ reason }) => {
    browser.contextMenus.create({ id: SAVE_MENU, title: i18n.t('menu.saveLesson'), contexts: ['selection', 'page'] });
    // A new install is greeted once; updates and reloads of the extension are not.
    if (reason === 'install') void welcomeOnce().catch(() => {});
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SAVE_MENU && tab?.id != null) openCapture(tab.id).catch(() => {});
  });
  browser.commands.onCommand.addListener((command, tab) => {
    // Pages no extension may script (the browser's own, the web store) just don't open the card.
    if (command === 'save-lesson' && tab?.id != null) openCapture(tab.id).catch(() => {});
    // Opening the panel must happen in the command's own turn (a user gesture), before any await.
    if (command === 'open-side-panel' && tab) void openSidePanel(tab).catch(() => {});
  });
});
