import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import '@/components/welcome/welcome.css';
import themeCss from '@/components/theme.css?inline';
import cardCss from '@/components/card.css?inline';
import { CaptureFlow } from '@/components/CaptureFlow';
import { createShadowHost } from '@/components/shadowHost';
import { Welcome } from '@/components/welcome/Welcome';
import { captureStart } from '@/lib/capture/draft';
import { sendMessage } from '@/lib/messaging';
import { CHROME_SHORTCUTS_PAGE, readShortcuts, type Shortcut } from '@/lib/platform/commands';
import { getSettings } from '@/lib/platform/settings';

let open: (() => void) | null = null;

/** The capture card on this page, as the shortcut and the in-page adder open it on any other page. */
async function capture(): Promise<void> {
  const start = captureStart(document, location.href);
  open?.();
  const [settings, suggestions] = await Promise.all([getSettings(), sendMessage('suggestTags', { source: start.source }).catch(() => [])]);
  const { host, mount } = createShadowHost(document, themeCss + cardCss);
  const close = () => {
    render(null, mount);
    host.remove();
    if (open === close) open = null;
  };
  open = close;
  render(
    <CaptureFlow
      start={start}
      suggestions={suggestions}
      defaultVisibility={settings.defaultVisibility}
      save={(draft) => sendMessage('saveLesson', draft)}
      remove={(id) => sendMessage('deleteLessons', { ids: [id] })}
      onDone={close}
    />,
    mount,
  );
}

// The browser tells every extension page of a command; no content script runs here to hear it.
browser.commands.onCommand.addListener((command) => {
  if (command === 'save-lesson' && document.hasFocus()) void capture();
});

function App() {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    void readShortcuts().then(setShortcuts, () => setShortcuts([]));
  }, []);
  return (
    <Welcome
      shortcuts={shortcuts}
      openShortcutSettings={import.meta.env.FIREFOX ? null : () => void browser.tabs.create({ url: CHROME_SHORTCUTS_PAGE })}
      capture={() => void capture()}
    />
  );
}

render(<App />, document.getElementById('app')!);
