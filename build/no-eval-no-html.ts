import type { Plugin } from 'vite';

/**
 * Takes out of the bundles the two things a store reviewer (and addons-linter) rightly asks about:
 * building code from strings (`Function`) and parsing strings as HTML (`innerHTML =`). Lessonmark
 * uses neither, but three libraries carry code paths that do:
 *
 * - zod compiles fast parsers with `new Function`; `z.config({ jitless: true })` only stops it at
 *   run time. Here `Function` becomes a constructor that throws, which zod already handles as
 *   a page whose CSP forbids eval: it probes once, finds it refused, and parses without compiling.
 * - Preact's `dangerouslySetInnerHTML`: Lessonmark never renders HTML strings, so using it throws.
 * - Readability (reading a clone of the page) restores its working copy and unwraps `<noscript>`
 *   images by reassigning `innerHTML`; it moves cloned nodes instead, which gives the same tree
 *   without parsing markup again.
 *
 * Each rewrite must match exactly: after a library update that changes the code, the build stops
 * here rather than shipping the old path unnoticed.
 */
interface Rewrite {
  file: RegExp;
  from: string;
  to: string;
  /** How often `from` occurs in the file. */
  count: number;
}

const NO_EVAL = `(function () { throw new EvalError('Lessonmark is built without eval'); })`;

const REWRITES: Rewrite[] = [
  { file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/, from: 'const F = Function;', to: `const F = ${NO_EVAL};`, count: 1 },
  { file: /[\\/]zod[\\/]v4[\\/]core[\\/]doc\.js$/, from: 'const F = Function;', to: `const F = ${NO_EVAL};`, count: 1 },
  { file: /[\\/]zod[\\/]v4[\\/]core[\\/]compile\.js$/, from: 'const F = Function;', to: `const F = ${NO_EVAL};`, count: 1 },
  {
    file: /[\\/]preact[\\/]dist[\\/]preact\.(mjs|module\.js)$/,
    from: 'if(h)c||p&&(h.__html==p.__html||h.__html==u.innerHTML)||(u.innerHTML=h.__html),t.__k=[];else if(p&&(u.innerHTML=""),L(',
    to: 'if(h||p)throw Error("Lessonmark renders no HTML strings (dangerouslySetInnerHTML)");else if(L(',
    count: 1,
  },
  {
    file: /[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/,
    from: 'var pageCacheHtml = page.innerHTML;',
    to: 'var pageCache = page.cloneNode(true);',
    count: 1,
  },
  {
    file: /[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/,
    from: 'page.innerHTML = pageCacheHtml;',
    to: 'page.replaceChildren(...pageCache.cloneNode(true).childNodes);',
    count: 1,
  },
  {
    file: /[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/,
    from: 'tmp.innerHTML = noscript.innerHTML;',
    to: 'tmp.replaceChildren(...Array.from(noscript.childNodes, (node) => node.cloneNode(true)));',
    count: 1,
  },
];

export function noEvalNoHtml(): Plugin {
  return {
    name: 'lessonmark-no-eval-no-html',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      const rewrites = REWRITES.filter((r) => r.file.test(path));
      if (!rewrites.length) return null;
      let out = code;
      for (const { from, to, count } of rewrites) {
        const found = out.split(from).length - 1;
        if (found !== count) {
          throw new Error(`${path}: expected ${count} × ${JSON.stringify(from)}, found ${found}; review build/no-eval-no-html.ts for this version`);
        }
        out = out.replaceAll(from, to);
      }
      return { code: out, map: null };
    },
  };
}
