import { httpHref } from '../safe-url';
/**
 * Text that came from a page (or was typed by a person) is written into Markdown as text: every
 * character that CommonMark or GitHub-flavoured Markdown could read as structure is
 * backslash-escaped, so a quote cannot open a heading, a list, a code block, raw HTML, a link or a
 * table, and the rendered result shows exactly what was captured.
 */

// Punctuation that has a meaning anywhere in a line. `(`, `)` and `!` only matter next to `[`/`]`.
const INLINE = /[\\`*_[\]<>#|~&]/g;

/** Markers that only mean something at the start of a line: lists, setext underlines, quotes. */
function escapeLineStart(line: string): string {
  const ordered = line.match(/^(\d{1,9})([.)])/);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[0].length)}`;
  return /^[-+=]/.test(line) ? `\\${line}` : line;
}

/** One line of text: whitespace (line breaks included) collapses to single spaces. */
export function escapeInline(text: string): string {
  return escapeLineStart(text.replace(/\s+/g, ' ').trim().replace(INLINE, '\\$&'));
}

/**
 * Paragraphs of text. Line breaks are kept, runs of blank lines become one, and leading
 * indentation is dropped because four spaces would start a code block.
 */
export function escapeBlock(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '').replace(/^\s+/, '');
    if (!line) {
      if (lines.length && lines[lines.length - 1] !== '') lines.push('');
      continue;
    }
    lines.push(escapeLineStart(line.replace(INLINE, '\\$&')));
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function blockquote(text: string): string {
  return escapeBlock(text)
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

/**
 * A link when the URL is a web address, plain text otherwise (a `javascript:` URL in an imported
 * file must not become something to click).
 */
export function link(label: string, url: string): string {
  const text = escapeInline(label || url);
  const href = httpHref(url);
  if (!href) return text;
  const dest = href.replace(/[<>\\\s]/g, (c) => encodeURIComponent(c));
  return `[${text}](<${dest}>)`;
}
