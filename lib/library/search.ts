/** Lower-cased words of a query, longest first (the rarest, usually: it is scanned first). */
export function tokenize(q: string): string[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** True when every lesson matching `next` also matches `prev`: each old word is inside a new one. */
export function narrows(prev: readonly string[], next: readonly string[]): boolean {
  return prev.every((p) => next.some((n) => n.includes(p)));
}

export interface Facets {
  /** Tags with the number of lessons carrying them, most used first. */
  tags: [string, number][];
  projects: string[];
  authors: string[];
}
