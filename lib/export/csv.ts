import { lessonTitle, type Lesson } from '../lesson';
import { selectLessons, type SelectOptions } from './order';

/** Excel needs the byte-order mark to read the file as UTF-8 rather than the local code page. */
export const CSV_BOM = '\uFEFF';

export const CSV_COLUMNS = [
  'id',
  'kind',
  'title',
  'quote',
  'note',
  'answers',
  'tags',
  'url',
  'site',
  'work_item',
  'page_title',
  'project',
  'visibility',
  'author',
  'created',
  'updated',
  'deleted',
  'open_actions',
  'actions',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number>;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV Injection"), so
 * such text gets a leading apostrophe and is shown as text. The same goes for text right after a
 * separator inside the cell: a program that splits on another delimiter (`;` in many locales, tab)
 * or ignores the quotes would start a new cell there.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n])(?=[=+\-@\t\r])/g;
/** Cells holding any delimiter a spreadsheet might split on, a quote or a line break are quoted. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = (FORMULA_START.test(value) ? `'${value}` : value).replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(l: Lesson): Row {
  return {
    id: l.id,
    kind: l.kind,
    title: lessonTitle(l),
    quote: l.quote,
    note: l.note,
    answers: l.answers
      .filter((a) => a.answer.trim())
      .map((a) => `${a.question} ${a.answer}`)
      .join('\n'),
    tags: l.tags.join(';'),
    url: l.source.url,
    site: l.source.site,
    work_item: l.source.workItem,
    page_title: l.source.title,
    project: l.source.project ?? '',
    visibility: l.visibility,
    author: l.author ?? '',
    created: l.createdAt,
    updated: l.updatedAt,
    deleted: l.deletedAt ?? '',
    open_actions: l.actions.filter((a) => !a.done).length,
    actions: l.actions.length,
  };
}

/** RFC 4180: CRLF line ends, a header row, fields with a separator, quote or line break quoted. */
export function exportCsv(lessons: readonly Lesson[], opts: SelectOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const l of selectLessons(lessons, opts)) {
    const r = row(l);
    lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
