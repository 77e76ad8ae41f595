import { render } from 'preact';
import themeCss from '@/components/theme.css?inline';
import cardCss from '@/components/card.css?inline';
import pageCss from '@/components/page.css?inline';
import { CaptureFlow } from '@/components/CaptureFlow';
import { createShadowHost } from '@/components/shadowHost';
import { UI_HOST } from '@/lib/anchoring/ui';
import { captureStart } from '@/lib/capture/draft';
import { sendMessage } from '@/lib/messaging';
import { selectionBox } from '@/lib/page/place';
import { getSettings } from '@/lib/platform/settings-storage';

/**
 * The capture card opener, one per document: the page the background injects it into, or the
 * welcome page's practice paragraph (no content script runs on extension pages).
 */
export function createCaptureOpener(): () => Promise<void> {
  let open: { root: ShadowRoot; close: () => void } | null = null;
  return async () => {
    // A card being filled in keeps its draft: the shortcut only brings focus back to it.
    const draft = open?.root.querySelector<HTMLTextAreaElement>('form.card textarea');
    if (draft) return draft.focus();
    open?.close();
    const settings = await getSettings();
    const start = captureStart(document, location.href, { hosts: settings.hosts });
    const target = start.quote ? selectionBox(document) : null;
    // Where focus goes back to when the card closes (the page's own element, never our host).
    const returnTo = document.activeElement instanceof HTMLElement && document.activeElement.localName !== UI_HOST ? document.activeElement : null;
    const suggestions = await sendMessage('suggestTags', { source: start.source }).catch(() => []);
    const { host, root, mount } = createShadowHost(document, themeCss + cardCss + pageCss);
    const close = () => {
      const hadFocus = root.activeElement !== null;
      render(null, mount);
      host.remove();
      if (open?.root === root) open = null;
      if (hadFocus) returnTo?.focus({ preventScroll: true });
    };
    open = { root, close };
    render(
      <CaptureFlow
        start={start}
        target={target}
        suggestions={suggestions}
        defaultVisibility={settings.defaultVisibility}
        save={(draft) => sendMessage('saveLesson', draft)}
        remove={(id) => sendMessage('deleteLessons', { ids: [id] })}
        onDone={close}
      />,
      mount,
    );
  };
}
