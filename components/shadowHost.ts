import { UI_HOST } from '@/lib/anchoring/ui';

/**
 * Events a page's script could fake to act in our UI (press Save, type a note, submit, delete).
 * Focus and pointer movement only show or hide things and are left alone.
 */
const ACTING_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
  'reset',
] as const;

/**
 * Stops events that a script made (`isTrusted` false) at the shadow root, in the capture phase,
 * so they never reach the elements inside and Preact's handlers never see them.
 */
export function acceptTrustedOnly(root: ShadowRoot): void {
  const stop = (e: Event) => {
    if (e.isTrusted) return;
    e.stopImmediatePropagation();
    e.preventDefault();
  };
  for (const type of ACTING_EVENTS) root.addEventListener(type, stop, true);
}

/**
 * Every root we made in this page, shared through the extension's isolated world (the content
 * script, the capture card and the lesson layer are separate scripts); the page can't see it.
 */
const roots = (): Set<ShadowRoot> => ((globalThis as { lessonmarkRoots?: Set<ShadowRoot> }).lessonmarkRoots ??= new Set());

/** The boxes of what our other roots show on screen (cards, toasts, lists), to keep clear of. */
export function ourBoxes(except: ShadowRoot): DOMRect[] {
  const boxes: DOMRect[] = [];
  for (const root of roots()) {
    if (!root.host.isConnected) roots().delete(root);
    else if (root !== except) for (const el of root.querySelectorAll('.placed, .corner > *')) boxes.push(el.getBoundingClientRect());
  }
  return boxes;
}

export interface ShadowHost {
  host: HTMLElement;
  /** Closed: the page's scripts get null from `host.shadowRoot`. Only our code holds this. */
  root: ShadowRoot;
  mount: HTMLElement;
}

/**
 * A host element with a closed shadow root for our in-page UI: the page's scripts can't read or
 * reach what is inside (a lesson's note, tags, id), and only real user input acts on it.
 * `all: initial` on the host and the shadow boundary keep the page's CSS out; the page's DOM gains
 * only this one element, which carries nothing of a lesson.
 */
export function createShadowHost(doc: Document, css: string): ShadowHost {
  const host = doc.createElement(UI_HOST);
  const root = host.attachShadow({ mode: 'closed' });
  acceptTrustedOnly(root);
  roots().add(root);
  const style = doc.createElement('style');
  style.textContent = css;
  const mount = doc.createElement('div');
  root.append(style, mount);
  doc.documentElement.append(host);
  return { host, root, mount };
}
