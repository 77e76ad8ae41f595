import { z } from 'zod';
import { VisibilitySchema } from './lesson';
import { HOST_KINDS, type HostKind } from './sites/registry';

/** One list of added hosts per kind of self-hosted site; kinds added since a save read as empty. */
const HostsSchema = z.object(
  Object.fromEntries(HOST_KINDS.map((kind) => [kind, z.array(z.string()).default([])])) as Record<
    HostKind,
    z.ZodDefault<z.ZodArray<z.ZodString>>
  >,
);
const NO_HOSTS = Object.fromEntries(HOST_KINDS.map((kind) => [kind, []])) as unknown as z.output<typeof HostsSchema>;

/** The person's preferences and the team connection; stored with a version (see lib/platform/settings-storage.ts). */
export const SettingsSchema = z.object({
  /** Shown as the author of lessons shared with the team. */
  displayName: z.string().trim().max(200).default(''),
  defaultVisibility: VisibilitySchema.default('private'),
  /** A "Save as lesson" button next to text selected on a page. */
  selectionButton: z.boolean().default(true),
  /**
   * Email addresses and phone numbers stop a lesson from being shared until redacted or kept, as
   * secrets always do; when false they are only pointed out.
   */
  personalDataStops: z.boolean().default(false),
  /** The team endpoint; HTTPS unless it is this machine. */
  endpoint: z.string().trim().max(2000).default(''),
  /** When a team token was saved; the token itself is kept in the database (lib/sync/state.ts). */
  tokenSavedAt: z.string().max(100).optional(),
  /** Hosts of self-hosted installations the person granted, by kind (lib/sites/registry.ts). */
  hosts: HostsSchema.default(() => structuredClone(NO_HOSTS)),
});
export type Settings = z.output<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Local addresses may use plain HTTP; everything else must be HTTPS. */
export function endpointProblem(endpoint: string): string | null {
  if (!endpoint) return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'That is not a URL.';
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return null;
  return 'Use an https:// address (plain http is allowed only for localhost).';
}
