import { render } from 'preact';
import '@/components/theme.css';
import '@/components/card.css';
import '@/components/library/library.css';
import { newestLessons } from '@/lib/db/read';
import { EMPTY_FILTERS, hasFilterParams } from '@/lib/library/filters';
import { ALL_LOADED_MARK } from '@/lib/library/marks';
import { takePendingQuery } from '@/lib/library/pending-query';
import { readStoredIndex } from '@/lib/library/stored-read';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

/** Rows drawn before the whole library is in memory: more than a screenful. */
const FIRST_PAGE = 60;
/** The team's stream is followed by then even while the index is still being built. */
const FOLLOW_TEAM_AFTER_MS = 5000;

// The newest lessons are read while the rest of the page's code loads; a URL naming filters is
// parsed with the schema (zod) first, the plain page needs none.
const first = newestLessons(FIRST_PAGE);
// Its failure is shown by the page once drawn; until then it is not an unhandled rejection.
first.catch(() => {});
// The stored index is read once the first rows are in (not to delay them), while the page's code
// loads and they are drawn; it is made into objects when the index's code wants it.
const storedIndex = first.then(() => readStoredIndex(), () => null);
storedIndex.catch(() => {});
// Reloaded while filters were being typed: they come back, not the URL's older ones.
const typed = takePendingQuery(sessionStorage, location.search);
if (typed !== null) history.replaceState(null, '', `${location.pathname}${typed}`);
const params = new URLSearchParams(location.search);
const filters = hasFilterParams(params) ? import('@/lib/library/filter-schema').then((m) => m.filtersFromParams(params)) : EMPTY_FILTERS;

document.title = t('library.pageTitle');
const app = document.getElementById('app')!;
Promise.all([import('@/components/library/LibraryApp'), import('./services'), filters]).then(
  ([{ LibraryApp }, { pageEnv }, initialFilters]) => render(<LibraryApp env={pageEnv()} first={first} initialFilters={initialFilters} storedIndex={storedIndex} />, app),
  (e) =>
    render(
      <p class="error" role="alert">
        {t('library.loadFailed', { error: errorText(e) })}
      </p>,
      app,
    ),
);

// Teammates' lessons arrive while the library is open (the page follows every write); the sync
// code (with zod, the settings and a database read) loads once the page is idle after every lesson
// is searchable: sooner, it takes the main thread from the index being read (or after a while,
// when the index is being built).
let following = false;
const followTeam = () => {
  if (following) return;
  following = true;
  requestIdleCallback(() => void import('@/lib/platform/sync-stream').then((m) => m.followTeamStream()), { timeout: 2000 });
};
const loaded = new PerformanceObserver((marks) => {
  if (!marks.getEntriesByName(ALL_LOADED_MARK).length) return;
  loaded.disconnect();
  followTeam();
});
loaded.observe({ type: 'mark' });
setTimeout(followTeam, FOLLOW_TEAM_AFTER_MS);
