/**
 * Plain text from a man page's roff source: macros dropped or reduced to their text, font and
 * character escapes removed. Good enough for prose; tables and equations come out rough.
 */
export function roffToParagraphs(roff: string): Array<{ heading: string; text: string }> {
  const out: Array<{ heading: string; text: string }> = [];
  let heading = '';
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join(' ').replace(/\s+/g, ' ').trim();
    if (text) out.push({ heading, text });
    lines = [];
  };
  for (const raw of roff.split('\n')) {
    if (raw.startsWith('.\\"') || raw.startsWith("'\\\"") || raw.startsWith('\\"')) continue;
    if (raw.startsWith('.') || raw.startsWith("'")) {
      const m = /^[.'](\S+)\s*(.*)$/.exec(raw);
      if (!m) continue;
      const [, macro, args] = m;
      if (macro === 'SH' || macro === 'SS') {
        flush();
        heading = inline(unquote(args));
      } else if (/^(PP|P|LP|TP|IP|HP|sp|br|Sh|Pp|RS|RE|TH|nf|fi|in|ti|ne|bp)$/.test(macro)) {
        flush();
      } else if (/^(B|I|BR|IR|RB|RI|BI|IB|SM|SB|Nm|Ar|Fl|Cm|Pa|Em|Sy|Xr|Li|Dv|Ev|Va|Fn|Ic)$/.test(macro)) {
        lines.push(inline(unquote(args).replace(/"/g, '')));
      }
      continue;
    }
    if (!raw.trim()) {
      flush();
      continue;
    }
    lines.push(inline(raw));
  }
  flush();
  return out;
}

function unquote(s: string): string {
  return s.replace(/^"(.*)"$/, '$1');
}

const ESCAPE = /\\(f(?:\(..|\[[^\]]*\]|.)|s[+-]?\d+|\*(?:\(..|\[[^\]]*\]|.)|\(..|\[[^\]]*\]|.)/g;

function inline(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(ESCAPE, (_, e: string) => {
    switch (e[0]) {
      case 'f':
      case 's':
      case '*':
      case '&':
      case '|':
      case '^':
      case '%':
      case ':':
      case 'c':
        return e.length > 1 || e[0] !== 's' ? '' : 's';
      case '(':
      case '[':
        return ' ';
      case 'e':
        return '\\';
      default:
        return e;
    }
  });
}
