/**
 * Calls `onChange` when the page's URL changes without a page load: History API and Navigation
 * API navigations, GitHub's Turbo and soft-nav events, and Jira's client-side routing. The
 * content script runs in an isolated world and cannot wrap the page's own pushState calls; the
 * Navigation API's `currententrychange` reports them (and every other change of entry) to any
 * world. Without that API the URL is polled once a second, and checked whenever the DOM changes
 * (see `watchContent`); with it, nothing runs on a page that stays put.
 */
export function watchNavigation(win: Window, onChange: (url: string) => void): () => void {
  let last = win.location.href;
  const check = () => {
    const now = win.location.href;
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  const events = ['popstate', 'hashchange', 'turbo:load', 'turbo:render', 'soft-nav:end', 'pjax:end'];
  for (const e of events) win.addEventListener(e, check);
  win.document.addEventListener('turbo:load', check);
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', check);
  const timer = nav ? undefined : win.setInterval(check, 1000);
  return () => {
    for (const e of events) win.removeEventListener(e, check);
    win.document.removeEventListener('turbo:load', check);
    nav?.removeEventListener('currententrychange', check);
    if (timer !== undefined) win.clearInterval(timer);
  };
}

/**
 * Calls `onSettled` once content stops changing for `quietMs`, and at the latest `maxWaitMs`
 * after the first change, so late-rendered content is handled within half a second. Changes
 * inside our own UI are ignored.
 */
export function watchContent(root: Node, onSettled: () => void, quietMs = 120, maxWaitMs = 350): () => void {
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    onSettled();
  };
  const observer = new MutationObserver((records) => {
    if (records.every(isOurs)) return;
    clearTimeout(quiet);
    quiet = setTimeout(fire, quietMs);
    deadline ??= setTimeout(fire, maxWaitMs);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => {
    observer.disconnect();
    clearTimeout(quiet);
    clearTimeout(deadline);
  };
}

function isOurs(record: MutationRecord): boolean {
  const el = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
  if (el?.closest('lessonmark-ui, [data-lessonmark-ui]')) return true;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n.nodeName === 'LESSONMARK-UI' || (n as Element).hasAttribute?.('data-lessonmark-ui'));
}
