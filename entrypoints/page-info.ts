import { captureStart } from '@/lib/capture/draft';
import { knownHosts } from '@/lib/platform/known-hosts';
import { pageText } from '@/lib/sites';

/** Injected by extension pages (popup, side panel) to read the tab: its source, selection and text. */
export default defineUnlistedScript(async () => {
  const options = { hosts: await knownHosts() };
  return { ...captureStart(document, location.href, options), text: pageText(location.href, document, options) };
});
