/** What a thrown value says, for a sentence shown to a person ("Could not save: …"). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
