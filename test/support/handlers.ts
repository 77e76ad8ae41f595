import type { LessonDb } from '../../lib/db/database';
import { createHandlers, type Handlers, type PlatformHandlers } from '../../lib/service';
import type { WriteContext } from '../../lib/db/store';

const refuse = () => Promise.reject(new Error('this handler needs the browser'));

/**
 * Every worker handler, as the background builds them: the lesson ones on `db`. The platform ones
 * (tabs, session storage, sync) need a browser, so here they refuse whatever reaches them.
 */
export function workerHandlers(db: LessonDb, ctx?: WriteContext): Handlers {
  const platform: PlatformHandlers = {
    openLibrary: refuse,
    pageReport: refuse,
    pageGist: refuse,
    syncNow: refuse,
    dismissSyncConflicts: refuse,
    loadPageLayer: refuse,
    loadPageCard: refuse,
    openCapture: refuse,
  };
  return { ...createHandlers(db, ctx), ...platform };
}
