import { browser } from 'wxt/browser';

const WELCOMED = 'welcomed';

/**
 * Opens the welcome page the first time the extension is installed in this profile. A flag is kept
 * as well as the install reason: Chromium reports an extension loaded from the command line as
 * installed again at every start, with the person's lessons still there.
 */
export async function welcomeOnce(): Promise<void> {
  if ((await browser.storage.local.get(WELCOMED))[WELCOMED]) return;
  await browser.storage.local.set({ [WELCOMED]: true });
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}
