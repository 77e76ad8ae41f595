import type { Lesson } from '../lesson';
import type { KnownHosts, PageIdentity } from '../sites/types';

/** The worker's answer to a tab's ask: the work item's lessons, and the person's added hosts that are this page's. */
export interface PageLessons {
  lessons: Lesson[];
  hosts: KnownHosts;
}

export interface LessonLoaderDeps {
  doc: Document;
  /** The page's identity with these added hosts (cheap: runs on every load, navigation and content change). */
  identify: (url: string, doc: Document, hosts: KnownHosts) => PageIdentity;
  load: (workItem: string) => Promise<PageLessons>;
  /** The current work item's lessons, in the order they were asked for; stale answers never arrive. */
  onLessons: (workItem: string, lessons: Lesson[]) => void;
}

/**
 * The content script's cheap half of highlighting: which work item the page is and which lessons
 * it has. Anchoring and painting them is the page layer's job, loaded only where there are some.
 *
 * The tab never reads the settings for the hosts the person added: it identifies the page without
 * them, and the worker, which holds them, answers with those that are this page's host. Only on
 * such a host, where they can change which site the page is, does the tab identify it again and
 * ask once more; on every other page the one ask is all.
 */
export function createLessonLoader({ doc, identify, load, onLessons }: LessonLoaderDeps) {
  let hosts: KnownHosts = {};
  let workItem: string | null = null;
  let latest: { href: string; identity: PageIdentity } | null = null;
  let generation = 0;

  const identifyAfresh = (href: string) => (latest = { href, identity: identify(href, doc, hosts) }).identity;
  const identityAt = (href: string) => (latest?.href === href ? latest.identity : identifyAfresh(href));

  /** Identifies the page afresh and loads its work item's lessons. */
  async function refresh() {
    const mine = ++generation;
    const href = doc.location.href;
    let item = identifyAfresh(href).workItem;
    let answer = await load(item);
    if (mine !== generation) return;
    if (learn(answer.hosts)) {
      const again = identifyAfresh(href).workItem;
      if (again !== item) {
        item = again;
        answer = await load(item);
        if (mine !== generation) return;
      }
    }
    workItem = item;
    onLessons(item, answer.lessons);
  }

  /** Takes the hosts the worker named for this page; true when they differ from those used so far. */
  function learn(theirs: KnownHosts): boolean {
    if (JSON.stringify(theirs) === JSON.stringify(hosts)) return false;
    hosts = theirs;
    return true;
  }

  /** After the DOM changed: true when the page is still the same work item (a re-render, not a new page). */
  function sameWorkItem(): boolean {
    if (workItem === null) return false;
    if (identifyAfresh(doc.location.href).workItem === workItem) return true;
    void refresh();
    return false;
  }

  return {
    refresh,
    sameWorkItem,
    /** The page at `href` as last identified (the badge's read reuses it rather than identifying again). */
    identityAt,
  };
}

/** Lessons a page layer has to anchor: those with a quote on the page. Page-level lessons paint nothing. */
export const needsAnchoring = (lessons: readonly Lesson[]) => lessons.some((l) => l.anchor);
