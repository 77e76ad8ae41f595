// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../test/fixtures/sites/load';
import { genericText, readArticle, readGeneric } from './generic';

describe('any other page, through Readability', () => {
  it('gives title, byline, excerpt and main text', () => {
    const { doc } = loadFixture('generic-article.html');
    const article = readArticle(doc);
    expect(article).not.toBeNull();
    expect(article!.title).toBe('What a flaky test taught us about red builds');
    expect(article!.byline).toBe('Anna Kovacs');
    expect(article!.excerpt).toBe(
      'A test that failed one night in six hid two real regressions. What we changed in how we treat red builds.',
    );
    expect(article!.text).toContain('A signal that is wrong one time in six is worse than no signal');
  });

  it('leaves navigation, sidebars and footers out of the main text', () => {
    const { doc } = loadFixture('generic-article.html');
    const text = genericText(doc);
    expect(text).toContain('We now quarantine any test that fails twice in a week');
    for (const chrome of ['Popular posts', 'Subscribe', 'Privacy', "We're hiring"]) expect(text).not.toContain(chrome);
  });

  it('works on a clone: the live page is not changed', () => {
    const { doc } = loadFixture('generic-article.html');
    const before = doc.documentElement.outerHTML;
    readGeneric(doc);
    genericText(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('falls back to the document title and body on a page with no article', () => {
    const doc = new DOMParser().parseFromString(
      '<html><head><title>Status board</title></head><body><button>Refresh</button></body></html>',
      'text/html',
    );
    const read = readGeneric(doc);
    expect(read.title).toBe('Status board');
    expect(genericText(doc)).toContain('Refresh');
  });

  it('does not run Readability on a page too big to read quickly', () => {
    const { doc } = loadFixture('generic-article.html');
    expect(readArticle(doc, 50)).toBeNull();
    expect(readArticle(doc)).not.toBeNull();
  });

  it('takes publisher tags as labels', () => {
    const { doc } = loadFixture('generic-article.html');
    expect(readGeneric(doc).labels).toEqual(['testing', 'ci', 'flaky tests', 'continuous integration']);
  });
});
