import { useLayoutEffect, type Inputs } from 'preact/hooks';

/**
 * Focuses what `target` returns before the first paint, in the same task as the click or key that
 * opened the form: keys typed straight after it land in the field, not on the button it replaced.
 * (An effect runs after the paint, and under load a keystroke or two can come first.)
 */
export function useFocusOnOpen(target: () => HTMLElement | null | undefined, inputs: Inputs = []): void {
  useLayoutEffect(() => target()?.focus(), inputs);
}
