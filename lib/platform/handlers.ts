import type { PlatformHandlers } from '../service';
import type { Badges } from './badge';
import { loadPageCard, loadPageLayer, openCapture } from './capture';
import { savePageReport } from './page-status';
import type { SyncWiring } from './sync';
import { openLibrary } from './tabs';

/** The worker's handlers that act on the browser rather than on lessons. */
export function platformHandlers(sync: SyncWiring, badges: Pick<Badges, 'pageRead'>): PlatformHandlers {
  return {
    pageGist: async (page, { tabId }) => {
      if (tabId != null) await badges.pageRead(tabId, page);
    },
    openLibrary: ({ lessonId }) => openLibrary(lessonId),
    pageReport: async (report, { tabId }) => {
      if (tabId != null) await savePageReport(tabId, report);
    },
    syncNow: ({ force }) => sync.syncNow(force),
    dismissSyncConflicts: ({ seqs }) => sync.dismissConflicts(seqs),
    loadPageLayer: async (_, { tabId }) => {
      if (tabId != null) await loadPageLayer(tabId);
    },
    loadPageCard: async (_, { tabId }) => {
      if (tabId != null) await loadPageCard(tabId);
    },
    openCapture: async (_, { tabId }) => {
      if (tabId != null) await openCapture(tabId);
    },
  };
}
