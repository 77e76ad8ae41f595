// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { clearPendingQuery, notePendingQuery, searchOf, takePendingQuery } from './pending-query';

beforeEach(() => sessionStorage.clear());

describe('filters typed but not yet in the URL', () => {
  it('come back once on a reload of the query they were typed over', () => {
    notePendingQuery(sessionStorage, '?q=dep', '?q=deploy&kind=mistake');
    expect(takePendingQuery(sessionStorage, '?q=dep')).toBe('?q=deploy&kind=mistake');
    expect(takePendingQuery(sessionStorage, '?q=dep')).toBeNull();
    // Cleared to nothing: an empty query comes back as such.
    notePendingQuery(sessionStorage, '?q=dep', '');
    expect(takePendingQuery(sessionStorage, '?q=dep')).toBe('');
  });

  it('are dropped when the page opens on another query, once written, or when the note is not ours', () => {
    notePendingQuery(sessionStorage, '?q=dep', '?q=deploy');
    expect(takePendingQuery(sessionStorage, '?view=digest')).toBeNull();
    expect(takePendingQuery(sessionStorage, '?q=dep')).toBeNull();
    notePendingQuery(sessionStorage, '', '?q=x');
    clearPendingQuery(sessionStorage);
    expect(takePendingQuery(sessionStorage, '')).toBeNull();
    for (const junk of ['not json', '{"from":"","to":"https://elsewhere.example/"}', '{"from":"","to":5}', 'null']) {
      sessionStorage.setItem('lessonmark.library.pendingQuery', junk);
      expect(takePendingQuery(sessionStorage, ''), junk).toBeNull();
    }
  });

  it('are written as the library writes its URL', () => {
    expect(searchOf(new URLSearchParams())).toBe('');
    expect(searchOf(new URLSearchParams({ q: 'a b', tag: 'ci' }))).toBe('?q=a+b&tag=ci');
  });
});
