import { render } from 'preact';
import { act } from 'preact/test-utils';

export interface HookProbe<P, R> {
  /** What the hook returned on the last render. */
  result: () => R;
  /** Renders again with new arguments, as a parent would. */
  rerender: (props: P) => void;
}

/** Runs a hook inside a component mounted in `root`, so its state and effects behave as on a page. */
export function renderHook<P, R>(hook: (props: P) => R, root: HTMLElement, props: P): HookProbe<P, R> {
  let last: R;
  function Probe(p: { args: P }) {
    last = hook(p.args);
    return null;
  }
  const rerender = (next: P) => act(() => render(<Probe args={next} />, root));
  rerender(props);
  return { result: () => last, rerender };
}
