import type { ComponentChildren, JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { placeNear, type Box } from '@/lib/page/place';

type Props = Omit<JSX.HTMLAttributes<HTMLDivElement>, 'style'> & {
  /** What the box goes next to (a selection, a highlight); null centres it near the top. */
  target: Box | null;
  children: ComponentChildren;
};

/**
 * A fixed box placed beside its target and kept on screen: measured before the first paint and
 * placed again when its size changes (an error line, edit mode) or the window is resized.
 * Styles are set on the element directly, so placing never re-renders the form inside.
 */
export function Placed({ target, children, class: className, ...rest }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current!;
    const place = () => {
      const { left, top } = placeNear(target, { width: el.offsetWidth, height: el.offsetHeight }, { width: innerWidth, height: innerHeight });
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
    };
    place();
    const resized = new ResizeObserver(place);
    resized.observe(el);
    addEventListener('resize', place);
    return () => {
      resized.disconnect();
      removeEventListener('resize', place);
    };
  }, [target?.left, target?.top, target?.width, target?.height]);
  return (
    <div ref={ref} class={`placed ${className ?? ''}`} {...rest}>
      {children}
    </div>
  );
}
