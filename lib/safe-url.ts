/**
 * The only URLs ever rendered as links: web addresses. A lesson's URL may come from an imported
 * file or a teammate's sync, so `javascript:`, `data:` and the like must never become clickable.
 * Returns the URL as the browser parsed it (control characters and whitespace already removed),
 * so the string checked is the string rendered.
 */
export function httpHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}
