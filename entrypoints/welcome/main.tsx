import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import '@/components/welcome/welcome.css';
import { Welcome } from '@/components/welcome/Welcome';
import { createCaptureOpener } from '@/components/capture-opener';
import { CHROME_SHORTCUTS_PAGE, readShortcuts, type Shortcut } from '@/lib/platform/commands';
import { t } from '@/lib/i18n';

/** The capture card on this page, as the shortcut and the in-page adder open it on any other page. */
const capture = createCaptureOpener();

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

document.title = t('welcome.pageTitle');
render(<App />, document.getElementById('app')!);
