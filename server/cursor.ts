import { z } from 'zod';

/**
 * What an opaque pull cursor carries: the last version seen, the team's epoch, and the tombstone
 * horizon when the client's chain of pulls began (a chain that began after a purge needs no
 * purged tombstones).
 */
const CursorSchema = z.object({ v: z.number().int().nonnegative(), e: z.string().min(1), h: z.number().int().nonnegative() });
export type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Undefined for anything that is not a cursor this server wrote. */
export function decodeCursor(text: string): Cursor | undefined {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
