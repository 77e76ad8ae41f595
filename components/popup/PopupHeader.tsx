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
      <nav class="popup-nav" aria-label="Open">
        <button type="button" class="head-button" onClick={nav.library} title="Every lesson: search, filters, weekly look back, export">
          Library
        </button>
        <button type="button" class="head-button" onClick={nav.sidePanel} title="Lessons related to this page, beside it">
          Side panel
        </button>
        <button type="button" class="head-button" onClick={nav.settings} title="Team endpoint, sites, privacy, shortcuts">
          Settings
        </button>
      </nav>
    </header>
  );
}
