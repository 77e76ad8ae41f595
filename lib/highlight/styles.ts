import type { Kind } from '../lesson';
import { UI_ATTR, UI_MARK } from '../anchoring/ui';

/** Highlight names in the page's registry, one per pillar: `lessonmark-<kind>`. */
export const highlightName = (kind: Kind): string => `lessonmark-${kind}`;
export const FLASH_NAME = 'lessonmark-flash';
export const KIND_ATTR = 'data-lessonmark-kind';
export const FLASH_ATTR = 'data-lessonmark-flash';

/**
 * Hue per pillar, as RGB; light pages get a pale wash, dark pages a deeper one. Experience is teal:
 * a blue wash reads as the browser's own text selection.
 */
export const COLOURS: Record<Kind, { light: string; dark: string; line: string }> = {
  experience: { light: '13 175 180', dark: '40 190 195', line: '#0e7c86' },
  mistake: { light: '255 99 99', dark: '229 72 77', line: '#d93c3c' },
  performance: { light: '60 190 110', dark: '46 160 90', line: '#1f9d55' },
  improvement: { light: '255 196 0', dark: '214 160 0', line: '#c28a00' },
  question: { light: '170 110 255', dark: '150 95 230', line: '#8b5cf6' },
};

const markOf = (kind: Kind): string => `mark[${UI_ATTR}="${UI_MARK}"][${KIND_ATTR}="${kind}"]`;

/** How the page's engine styles highlights (`createPainter`). */
export interface HighlightStyling {
  /**
   * Whether an element's `::highlight()` styles pass to its descendants (CSS Pseudo-Elements 4's
   * highlight inheritance: Chromium, not Firefox 153). There the rules are the root's alone, which
   * its descendants inherit: a rule for every element is matched against each of them when the
   * sheet is adopted, and the page's restyle after painting takes longer (README, "What a page
   * pays": `paint_restyle_ms`).
   */
  inherited?: boolean;
}

/**
 * Rules for both painters: `::highlight()` for the CSS Custom Highlight API and the fallback's
 * marks. The underline carries the pillar's colour too, so pillars differ beyond hue alone.
 */
export function highlightCss({ inherited = false }: HighlightStyling = {}): string {
  const pseudo = (name: string) => `${inherited ? ':root' : ''}::highlight(${name})`;
  const rules: string[] = [];
  const dark: string[] = [];
  for (const [kind, c] of Object.entries(COLOURS) as Array<[Kind, (typeof COLOURS)[Kind]]>) {
    const sel = `${pseudo(highlightName(kind))}, ${markOf(kind)}`;
    rules.push(
      `${sel} { background-color: rgb(${c.light} / 0.32); color: inherit; text-decoration: underline 2px ${c.line}; text-underline-offset: 2px; }`,
    );
    dark.push(`${sel} { background-color: rgb(${c.dark} / 0.42); }`);
  }
  const flash = `${pseudo(FLASH_NAME)}, mark[${FLASH_ATTR}]`;
  rules.push(`${flash} { background-color: rgb(255 214 0 / 0.85); color: #111; }`);
  rules.push(`mark[${UI_ATTR}="${UI_MARK}"] { padding: 0; border-radius: 0; }`);
  return `${rules.join('\n')}\n@media (prefers-color-scheme: dark) {\n${dark.join('\n')}\n}\n`;
}

/**
 * Adds the rules to the document's own styles as an adopted stylesheet (a `::highlight()` rule in
 * a shadow root would not apply to the page's text). Returns a function that removes it, or null
 * where constructable stylesheets are missing.
 */
export function adoptStyles(doc: Document, styling: HighlightStyling = {}): (() => void) | null {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win?.CSSStyleSheet || !('adoptedStyleSheets' in doc)) return null;
  let sheet: CSSStyleSheet;
  try {
    sheet = new win.CSSStyleSheet();
    sheet.replaceSync(highlightCss(styling));
  } catch {
    return null;
  }
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

/** Inline fallback where no stylesheet can be adopted. */
export function inlineStyle(kind: Kind): string {
  return `background-color: rgb(${COLOURS[kind].light} / 0.32); color: inherit`;
}
