import type { Site, Source } from '../lesson';

/** What a content script needs on every page load: which work item this page is. */
export type PageIdentity = Pick<Source, 'site' | 'workItem' | 'project' | 'url'>;

/**
 * Self-hosted Jira, Confluence and GitHub Enterprise hosts the person granted access to. Pages on
 * other hosts are still recognised from their markup; these make URL-only decisions possible.
 */
export interface KnownHosts {
  jira?: readonly string[];
  confluence?: readonly string[];
  github?: readonly string[];
}

export interface DetectOptions {
  hosts?: KnownHosts;
}

/** The part of a `Source` an adapter reads from the page beyond the identity. */
export type PageDetails = Pick<Source, 'title' | 'labels' | 'status' | 'excerpt'>;

export type { Site, Source };
