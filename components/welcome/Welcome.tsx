import { useEffect, useRef, useState } from 'preact/hooks';
import type { Shortcut } from '@/lib/platform/commands';

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
        <h1>Welcome to Lessonmark</h1>
        <p class="lead">
          Save what your team learns where the work happens. Select a sentence on a Jira ticket, a Confluence page, a GitHub issue or
          any page, and keep it as a lesson with a note and tags. Open that page again and the words are highlighted; open a related
          ticket and the side panel brings the lesson back.
        </p>
      </header>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Your shortcuts</h2>
        {shortcuts === null ? (
          <p>Reading your shortcuts…</p>
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
                      <span class="unset">not set</span>
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
            <>
              Change them in{' '}
              <button type="button" class="link" onClick={openShortcutSettings}>
                the browser's shortcut settings
              </button>
              .
            </>
          ) : (
            <>Change them under Manage Extension Shortcuts, in the add-ons menu.</>
          )}{' '}
          The toolbar button opens the popup: ask "Why…?" about the page, fill a template, see what is due.
        </p>
      </section>

      <section aria-labelledby="try-heading">
        <h2 id="try-heading">Try it here</h2>
        <p>
          Select a sentence below, then press <strong>Save as lesson</strong> next to it
          {save?.keys.length ? (
            <>
              {' '}or <kbd>{save.keys.join('+')}</kbd>
            </>
          ) : null}
          . Add a note, press Enter, and the lesson is saved; Undo takes it back.
        </p>
        <div class="practice" ref={practice}>
          <p>
            The deploy failed twice because the staging database ran out of connections. We raised the pool size, but the real fix was
            closing connections in the retry path.
          </p>
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
            Save as lesson
          </button>
        )}
      </section>

      <section aria-labelledby="next-heading">
        <h2 id="next-heading">Then</h2>
        <ul class="next">
          <li>
            <a href="/library.html">Open the library</a>: every lesson, with search, filters, the weekly look back and export.
          </li>
          <li>
            <a href="/options.html">Open the settings</a>: your name, your team's endpoint, self-hosted Jira, Confluence and GitHub.
          </li>
        </ul>
      </section>
    </main>
  );
}
