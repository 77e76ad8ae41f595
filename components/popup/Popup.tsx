import { useEffect, useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import type { PageInfo } from '@/lib/platform/page';
import type { PopupEnv, PopupPrefs } from './env';
import type { View } from './PopupBody';
import { PopupHeader, type PopupNav } from './PopupHeader';
import { WhyBox } from './WhyBox';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

type Body = typeof import('./PopupBody');

interface Props {
  /** The services (database, messages, settings), still loading when the popup first renders. */
  env: Promise<PopupEnv>;
  /** The tab's page; null where extensions cannot run. */
  page: Promise<PageInfo | null>;
  nav: PopupNav;
}

/**
 * The toolbar popup. The "Why…?" box renders and takes focus at once; the templates, lists and
 * forms (with Dexie and the schemas) load after it, so typing never waits for them.
 */
export function Popup({ env: envLoading, page: pageReading, nav }: Props) {
  const [page, setPage] = useState<PageInfo | null | undefined>(undefined);
  const [env, setEnv] = useState<PopupEnv | null>(null);
  const [body, setBody] = useState<Body | null>(null);
  const [prefs, setPrefs] = useState<PopupPrefs>({ displayName: '', defaultVisibility: 'private' });
  const [view, setView] = useState<View>({ at: 'home' });
  const [flash, setFlash] = useState('');

  useEffect(() => {
    void pageReading.then(setPage, () => setPage(null));
    envLoading.then(
      (loaded) => {
        setEnv(loaded);
        void loaded.prefs.then(setPrefs, () => {});
      },
      (e) => setFlash(t('popup.startFailed', { error: errorText(e) })),
    );
    import('./PopupBody').then(setBody, (e) => setFlash(t('popup.listsFailed', { error: errorText(e) })));
  }, []);

  const ask = async (text: string): Promise<Lesson> => {
    const [services, read] = await Promise.all([envLoading, pageReading]);
    if (!read) throw new Error(t('popup.pageClosed'));
    return services.askQuestion(text, read, prefs.displayName || undefined);
  };
  const undo = async (lesson: Lesson) => (await envLoading).deleteLessons([lesson.id]);
  const go = (next: View, message = '') => {
    setFlash(message);
    setView(next);
  };

  return (
    <main class="popup">
      <PopupHeader nav={nav} />
      {view.at === 'home' && (
        <>
          <WhyBox ask={ask} undo={undo} unreadable={page === null} />
          {flash && (
            <p class="flash" role="status">
              {flash}
            </p>
          )}
        </>
      )}
      {body && env && <body.PopupBody env={env} page={page} prefs={prefs} view={view} go={go} />}
    </main>
  );
}
