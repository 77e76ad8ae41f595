import type { Site, Source } from '../lesson';
import type { HostKind } from './registry';

export type { PageDetails } from './adapter';

/** What a content script needs on every page load: which work item this page is. */
export type PageIdentity = Pick<Source, 'site' | 'workItem' | 'project' | 'url'>;

/**
 * The self-hosted hosts the person granted, by kind of site (registry.ts): the only hosts besides
 * the public ones where a page's markup may say which site it is.
 */
export type KnownHosts = Partial<Record<HostKind, readonly string[]>>;

export interface DetectOptions {
  hosts?: KnownHosts;
}

export type { Site, Source };
