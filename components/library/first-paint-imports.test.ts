import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** The files a module loads before it runs: its static imports (not `import type`, not `import()`), transitively. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/^import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? join(dirname(file), spec) : null;
      const found = base && ['.ts', '.tsx', '/index.ts', ''].map((ext) => base + ext).find((f) => existsSync(f) && !f.endsWith('.css') && /\.tsx?$/.test(f));
      if (found) visit(found);
    }
  };
  visit(entry);
  return seen;
}

describe('the library page before its first rows', () => {
  it('loads no redaction rules (about 80 KB of script): the editor, the held lessons and a share load them', () => {
    const files = [...staticClosure(join(ROOT, 'components/library/LibraryApp.tsx'))].map((f) => f.slice(ROOT.length + 1));
    expect(files).toContain('components/library/LessonList.tsx');
    expect(files.filter((f) => f.startsWith('lib/redact/') || f.startsWith('components/redact/'))).toEqual([]);
  });
});
