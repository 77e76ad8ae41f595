import { describe, expect, it } from 'vitest';
import { parseSse } from './stream';

describe('parseSse', () => {
  it('splits complete events, skips keep-alive comments, and keeps the unfinished rest', () => {
    const text = ': keep-alive\n\nevent: version\nid: 3\ndata: {"version":3}\n\nevent: version\r\ndata: {"vers';
    expect(parseSse(text)).toEqual({ events: [{ event: 'version', data: '{"version":3}' }], rest: 'event: version\ndata: {"vers' });
  });
  it('joins multi-line data and defaults the event name', () => {
    expect(parseSse('data: a\ndata: b\n\n').events).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
