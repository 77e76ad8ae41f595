import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';
import cardCss from '@/components/card.css?inline';
import pageCss from '@/components/page.css?inline';
import { PageLayer, type PageLayerProps } from '@/components/page/PageLayer';
import { createShadowHost } from '@/components/shadowHost';
import type { PageCardApi } from '@/lib/page/layer-api';

/**
 * The lesson card over a highlight, toasts and the "not found" list, in one shadow root created
 * on first draw. A script of its own so that a page with lessons compiles the UI (Preact, the
 * components, their CSS) only when it draws something, not before it anchors.
 */
export function createPageCard(doc: Document): PageCardApi {
  let shadow: { host: HTMLElement; mount: HTMLElement } | null = null;
  return {
    render(props: PageLayerProps) {
      shadow ??= createShadowHost(doc, themeCss + cardCss + pageCss);
      render(<PageLayer {...props} />, shadow.mount);
    },
    destroy() {
      if (!shadow) return;
      render(null, shadow.mount);
      shadow.host.remove();
      shadow = null;
    },
  };
}
