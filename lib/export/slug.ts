/** A file-name-safe slug: letters and digits of any script, dashes between words, at most `max` long. */
export function slugify(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    // Accents off Latin letters only: other scripts' marks (a kana's dakuten) change the letter.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Makes each name unique by adding `-2`, `-3`… before the extension, in the order given. */
export function uniqueNames(names: readonly string[], ext: string): string[] {
  const taken = new Set<string>();
  return names.map((base) => {
    let name = `${base}${ext}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}${ext}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
