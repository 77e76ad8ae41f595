import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word a person reads on Lessonmark's own surfaces comes from locales/<lang>.yml through
 * `t()`, so a German browser never shows an English leftover. This reads the components and
 * pages as TypeScript and fails on words written into the markup: JSX text, string literals
 * given to the attributes a person reads (or hears, from a screen reader), and literals a JSX
 * expression renders (`{busy ? 'Saving…' : 'Save'}`).
 */
const ROOT = join(import.meta.dirname, '..');
const DIRS = ['components', 'entrypoints'];

/** Attributes whose value is shown or read out. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label']);

/**
 * Words that are the same in every language: the product's name, file formats and keys on the
 * keyboard. Anything else belongs in the messages.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['Lessonmark', 'Markdown', 'CSV', 'JSON', 'Esc', 'Enter', 'Tab', 'Alt', 'Shift', 'Ctrl', '⌘', 'Hypothesis', 'Web Annotation']);

/**
 * Surfaces still in English, moving to the messages one by one. A file leaves this list when it
 * is translated; the test fails if a listed file has no literal words left, so the list only shrinks.
 */
const STILL_ENGLISH = new Set<string>([]);

/** Example addresses ("https://lessons.example.com", `${kind}.example.com`) read the same in every language. */
const ADDRESS = /^(https?:\/\/)?[\w-]*(\.[\w-]+)+$/;

const hasWords = (text: string) => /\p{L}{2,}/u.test(text) && !SAME_IN_EVERY_LANGUAGE.has(text.trim()) && !ADDRESS.test(text.trim());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx$/.test(entry.name) && !/\.test\.tsx$/.test(entry.name) ? [path] : [];
  });
}

/** The string literals an expression can evaluate to (through ?:, ||, ??, && and parentheses). */
function renderedLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node)) return [node.head, ...node.templateSpans.map((span) => span.literal)];
  if (ts.isParenthesizedExpression(node)) return renderedLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...renderedLiterals(node.whenTrue), ...renderedLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return [...renderedLiterals(node.left), ...renderedLiterals(node.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return renderedLiterals(node.right);
  }
  return [];
}

const literalText = (node: ts.Node) =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) ? node.text : '';

/** "file:line: text" for each literal word the file renders. */
export function literalWords(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`${relative(ROOT, file)}:${line + 1}: ${text.trim().replace(/\s+/g, ' ')}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const literals = ts.isStringLiteral(init) ? [init] : ts.isJsxExpression(init) && init.expression ? renderedLiterals(init.expression) : [];
      for (const literal of literals) if (hasWords(literalText(literal))) report(literal, literalText(literal));
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of renderedLiterals(node.expression)) if (hasWords(literalText(literal))) report(literal, literalText(literal));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('words on the screen', () => {
  it('all come from the messages', () => {
    const files = DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(20);
    const translated = files.filter((file) => !STILL_ENGLISH.has(relative(ROOT, file)));
    expect(translated.flatMap((file) => literalWords(file))).toEqual([]);
    const done = [...STILL_ENGLISH].filter((file) => literalWords(join(ROOT, file)).length === 0);
    expect(done, 'translated: take these off STILL_ENGLISH').toEqual([]);
  });

  it('are caught in text, read-out attributes and rendered expressions, and not in code', () => {
    const caught = literalWords(
      join(ROOT, 'components/Example.tsx'),
      `export const A = ({ busy, n }: { busy: boolean; n: number }) => (
        <div class="card" data-state="open" aria-label="Close the card">
          Save
          <input placeholder={'Search lessons'} type="search" />
          {busy ? 'Saving…' : t('card.save')}
          {\`\${n} lessons\`}
          <kbd>Esc</kbd> <span>×</span> <b>Lessonmark</b> <input placeholder="https://lessons.example.com" />
          <p title={t('card.hint')}>{t('card.body')}</p>
        </div>
      );`,
    );
    expect(caught.map((line) => line.replace(/^.*?: /, ''))).toEqual(['Close the card', 'Save', 'Search lessons', 'Saving…', 'lessons']);
  });
});
