import { captureStart } from '@/lib/capture/draft';
import { pageText } from '@/lib/sites';

/** Injected by extension pages (popup, side panel) to read the tab: its source, selection and text. */
export default defineUnlistedScript(() => ({
  ...captureStart(document, location.href),
  text: pageText(location.href, document),
}));
