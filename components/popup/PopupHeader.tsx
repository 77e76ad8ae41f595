import { t } from '@/lib/i18n';
/** Where the popup can take the person: the whole library, the page's related lessons, the settings. */
export interface PopupNav {
  library: () => void;
  sidePanel: () => void;
  settings: () => void;
}

/** The popup's title and its ways out; drawn with the "Why…?" box, before the lists load. */
export function PopupHeader({ nav }: { nav: PopupNav }) {
  return (
    <header class="popup-head">
      <h1>Lessonmark</h1>
      <nav class="popup-nav" aria-label={t('popup.nav')}>
        <button type="button" class="head-button" onClick={nav.library} title={t('popup.libraryHint')}>
          {t('popup.library')}
        </button>
        <button type="button" class="head-button" onClick={nav.sidePanel} title={t('popup.sidePanelHint')}>
          {t('popup.sidePanel')}
        </button>
        <button type="button" class="head-button" onClick={nav.settings} title={t('popup.settingsHint')}>
          {t('popup.settings')}
        </button>
      </nav>
    </header>
  );
}
