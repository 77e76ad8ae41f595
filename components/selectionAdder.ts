import themeCss from './theme.css?inline';
import { createShadowHost, ourBoxes, type ShadowHost } from './shadowHost';
import { placeNear, type Box } from '@/lib/page/place';
import { overlaps } from '@/lib/page/selection';
import { plainMessage } from '@/lib/i18n-plain';

const CSS = `${themeCss}
:host { all: initial; }
button {
  position: fixed; z-index: 2147483647; display: inline-flex; align-items: center; gap: 6px;
  padding: 4px 10px; border-radius: 999px; border: 1px solid var(--lm-border);
  background: var(--lm-bg); color: var(--lm-fg); font: 600 13px/1.4 var(--lm-font);
  box-shadow: 0 2px 10px rgb(0 0 0 / 0.2); cursor: pointer;
}
button[hidden] { display: none; }
button:hover { border-color: var(--lm-accent); }
button:focus-visible { outline: 2px solid var(--lm-accent); outline-offset: 2px; }
svg { width: 14px; height: 14px; fill: none; stroke: var(--lm-accent); stroke-width: 2; }
`;

export interface Adder {
  /** Shows the button beside `target`; false when it would cover Lessonmark's own UI. */
  show(target: Box): boolean;
  hide(): void;
  readonly shown: boolean;
  destroy(): void;
}

/**
 * The small "Save as lesson" button next to a fresh selection. Plain DOM (no Preact), so the
 * script on every page stays small; its host and closed root are made on first use. Pressing it
 * keeps the page's selection (its mousedown is cancelled). Tab right after selecting reaches it,
 * Enter or a click opens the capture card, Escape dismisses it.
 */
export function createAdder(doc: Document, onOpen: () => void): Adder {
  let ui: (ShadowHost & { button: HTMLButtonElement }) | null = null;
  let shown = false;

  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted || !shown || !ui) return;
    if (e.key === 'Escape') return hide();
    // The first Tab after selecting goes to the button, as if it followed the selected words.
    if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && ui.root.activeElement !== ui.button) {
      e.preventDefault();
      ui.button.focus();
    }
  };
  // Focus moving into another of our cards (the shortcut opened one) dismisses the button.
  const onFocus = (e: FocusEvent) => {
    if (ui && e.target !== ui.host && (e.target as Element | null)?.localName === ui.host.localName) hide();
  };
  const onScroll = () => hide();

  const build = () => {
    const host = createShadowHost(doc, CSS);
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'adder';
    button.title = plainMessage('adder.title');
    // The right-click entry's words: the same action, named the same.
    button.append(bookmarkIcon(doc), plainMessage('menu.saveLesson'));
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => {
      hide();
      onOpen();
    });
    host.mount.append(button);
    return { ...host, button };
  };

  function hide() {
    if (!shown || !ui) return;
    shown = false;
    ui.button.hidden = true;
    doc.removeEventListener('keydown', onKey, true);
    doc.removeEventListener('focusin', onFocus, true);
    removeEventListener('scroll', onScroll, true);
  }

  return {
    show(target) {
      ui ??= build();
      const { button } = ui;
      button.hidden = false;
      const { left, top } = placeNear(target, { width: button.offsetWidth, height: button.offsetHeight }, { width: innerWidth, height: innerHeight }, { gap: 6 });
      const box = { left, top, width: button.offsetWidth, height: button.offsetHeight };
      if (ourBoxes(ui.root).some((b) => overlaps(b, box))) {
        button.hidden = true;
        hide();
        return false;
      }
      button.style.left = `${left}px`;
      button.style.top = `${top}px`;
      if (!shown) {
        shown = true;
        doc.addEventListener('keydown', onKey, true);
        doc.addEventListener('focusin', onFocus, true);
        addEventListener('scroll', onScroll, { capture: true, passive: true });
      }
      return true;
    },
    hide,
    get shown() {
      return shown;
    },
    destroy() {
      hide();
      ui?.host.remove();
      ui = null;
    },
  };
}

function bookmarkIcon(doc: Document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', 'M4 2h8v12l-4-3-4 3z');
  svg.append(path);
  return svg;
}
