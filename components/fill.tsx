import type { ComponentChildren } from 'preact';

/**
 * A message with markup in it: `<name>` in the translated text is replaced by `parts[name]`, so
 * each language puts the key caps or the link where its sentence needs them.
 */
export function Fill({ text, parts }: { text: string; parts: Record<string, ComponentChildren> }) {
  return <>{text.split(/<(\w+)>/).map((piece, i) => (i % 2 ? (parts[piece] ?? `<${piece}>`) : piece))}</>;
}
