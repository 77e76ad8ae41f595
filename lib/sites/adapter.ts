/**
 * What Lessonmark knows about one site, in one object: how its pages are told apart, which work
 * item a page is, where its content lives, how its details are read, and the words people use for
 * it. Each site is one file exporting one of these; registry.ts lists them and everything else loops
 * over that list. Adapters stay free of zod and Readability: the content script carries them all.
 */

/** The work item a page is, and the project it belongs to, before the registry adds the site. */
export interface Identified {
  workItem: string;
  project?: string;
}

/** The part of a lesson's `source` an adapter reads from the page beyond the identity. */
export interface PageDetails {
  title: string;
  labels: string[];
  status?: string;
  excerpt?: string;
}

/** How people speak of a site's pages, for the side panel's headings and reasons and the library. */
export interface SiteWords {
  /** The site's name on cards and in the library's filter. */
  label: string;
  /** What a project is called there: "same repository acme/web". */
  project: string;
  /** What the item at `url` is called: "On this merge request", "same merge request". */
  item(url: string): string;
}

export interface SiteAdapter<Id extends string = string> {
  readonly id: Id;
  readonly words: SiteWords;
  /**
   * Installations people run themselves, added by host on the options page: `label` names the kind
   * in its list. Without it, the site has only its public hosts.
   */
  readonly selfHosted?: { readonly label: string };
  /** The public hosts where the URL alone says the page is this site's (github.com, *.atlassian.net). */
  readonly publicHosts?: string;
  isPublicHost(url: URL): boolean;
  /** Whether the markup is this site's. Trusted only on hosts the person added (see identify.ts). */
  isDocument(doc: Document): boolean;
  /** Work item and project, from the URL and, when given, the markup. */
  identify(url: URL, doc?: Document): Identified;
  /** Where the main content lives, most specific first; highlights are anchored in the first found. */
  readonly contentRoots: readonly string[];
  /**
   * Title, labels, status and excerpt; without it the page is read as any web page. `brief`: title
   * and labels only, for the badge's read on every page load, which has no use for the excerpt's text walk.
   */
  read?(url: URL, doc: Document, workItem: string, brief?: boolean): PageDetails;
  /** The main text for relatedness; empty or absent falls back to the web page reading. */
  text?(doc: Document): string;
}

/** Keeps the adapter's literal type (its id, whether it is self-hosted) for the registry's types. */
export function defineSite<const A extends SiteAdapter>(adapter: A): A {
  return adapter;
}
