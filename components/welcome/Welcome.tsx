import { useEffect, useRef, useState } from 'preact/hooks';
import { Fill } from '@/components/fill';
import type { Shortcut } from '@/lib/platform/commands';
import { t } from '@/lib/i18n';

interface Props {
  /** The shortcuts as the browser has them bound now; null while being read. */
  shortcuts: Shortcut[] | null;
  /** Opens the browser's shortcut settings; null where no extension may open them (Firefox). */
  openShortcutSettings: (() => void) | null;
  /** Opens the capture card on this page's selection, as the shortcut does on any page. */
  capture: () => void;
}

/** Where the adder shows: just under the end of the selection, in viewport pixels. */
type Spot = { left: number; top: number } | null;

/** The first-run page: what Lessonmark does, the shortcuts as bound, a paragraph to practise on. */
export function Welcome({ shortcuts, openShortcutSettings, capture }: Props) {
  const practice = useRef<HTMLDivElement>(null);
  const [spot, setSpot] = useState<Spot>(null);
  const save = shortcuts?.find((s) => s.name === 'save-lesson');

  useEffect(() => {
    // The page's own adder: extension pages are closed to content scripts, the in-page one included.
    const follow = () => {
      const sel = document.getSelection();
      const range = sel && sel.rangeCount > 0 && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      // A triple-click selects the paragraph and ends just past it: touching the paragraph is enough.
      if (!range || !range.toString().trim() || !practice.current || !range.intersectsNode(practice.current)) return setSpot(null);
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      setSpot({ left: Math.min(last.right, innerWidth - 140), top: last.bottom + 6 });
    };
    document.addEventListener('selectionchange', follow);
    return () => document.removeEventListener('selectionchange', follow);
  }, []);

  return (
    <main class="welcome">
      <header>
        <h1>{t('welcome.heading')}</h1>
        <p class="lead">{t('welcome.lead')}</p>
      </header>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('welcome.shortcuts')}</h2>
        {shortcuts === null ? (
          <p>{t('welcome.readingShortcuts')}</p>
        ) : (
          <table class="keys">
            <tbody>
              {shortcuts.map((s) => (
                <tr key={s.name}>
                  <td>
                    {s.keys.length ? (
                      s.keys.map((k, i) => (
                        <>
                          {i > 0 && '+'}
                          <kbd>{k}</kbd>
                        </>
                      ))
                    ) : (
                      <span class="unset">{t('welcome.notSet')}</span>
                    )}
                  </td>
                  <td>{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="hint">
          {openShortcutSettings ? (
            <Fill
              text={t('welcome.changeShortcuts')}
              parts={{
                settings: (
                  <button type="button" class="link" onClick={openShortcutSettings}>
                    {t('welcome.shortcutSettings')}
                  </button>
                ),
              }}
            />
          ) : (
            t('welcome.changeShortcutsFirefox')
          )}{' '}
          {t('welcome.toolbar')}
        </p>
      </section>

      <section aria-labelledby="try-heading">
        <h2 id="try-heading">{t('welcome.try')}</h2>
        <p>
          <Fill
            text={save?.keys.length ? t('welcome.tryStepsWithKeys') : t('welcome.trySteps')}
            parts={{ button: <strong>{t('welcome.adder')}</strong>, keys: <kbd>{save?.keys.join('+')}</kbd> }}
          />
        </p>
        <div class="practice" ref={practice}>
          <p>{t('welcome.practice')}</p>
        </div>
        {spot && (
          <button
            type="button"
            class="adder"
            style={{ left: `${spot.left}px`, top: `${spot.top}px` }}
            // Keeps the selection: a mousedown on the button would otherwise start a new one.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setSpot(null);
              capture();
            }}
          >
            {t('welcome.adder')}
          </button>
        )}
      </section>

      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{t('welcome.then')}</h2>
        <ul class="next">
          <li>
            <Fill text={t('welcome.library')} parts={{ link: <a href="/library.html">{t('welcome.openLibrary')}</a> }} />
          </li>
          <li>
            <Fill text={t('welcome.settings')} parts={{ link: <a href="/options.html">{t('welcome.openSettings')}</a> }} />
          </li>
        </ul>
      </section>
    </main>
  );
}
