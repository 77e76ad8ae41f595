/**
 * A host element with its own shadow root for our in-page UI. `all: initial` on the host and
 * the shadow boundary keep the page's CSS out; the page's DOM gains only this one element.
 */
export function createShadowHost(doc: Document, css: string): { host: HTMLElement; mount: HTMLElement } {
  const host = doc.createElement('lessonmark-ui');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const mount = doc.createElement('div');
  shadow.append(style, mount);
  doc.documentElement.append(host);
  return { host, mount };
}
