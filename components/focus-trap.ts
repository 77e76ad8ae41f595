const CANDIDATES = 'button, input, textarea, select, a[href], [tabindex]';

/**
 * The elements Tab visits inside `container`, in order: enabled, shown, not taken out with
 * tabindex=-1, and of each radio group only its checked radio (the browser's own rule).
 */
export function tabStops(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.getClientRects().length === 0) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const group = [...container.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`)];
      return el.checked || (!group.some((r) => r.checked) && group[0] === el);
    }
    return true;
  });
}

/**
 * Keeps Tab inside a dialog: Tab on its last stop goes to the first, Shift+Tab on the first to the
 * last. Call from the dialog's keydown handler.
 */
export function trapTab(e: KeyboardEvent, container: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const stops = tabStops(container);
  if (stops.length === 0) return;
  const active = (container.getRootNode() as Document | ShadowRoot).activeElement;
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (e.shiftKey && (active === first || !container.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !container.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}
