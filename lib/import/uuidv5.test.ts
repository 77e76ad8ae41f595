import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { URL_NAMESPACE, uuidv5 } from './uuidv5';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidv5', () => {
  it('gives the RFC 9562 / Python uuid5 values', () => {
    expect(uuidv5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidv5('https://hypothes.is/a/abc', URL_NAMESPACE)).toBe('d0629947-4413-578a-b949-847eddbcb427');
    // Longer than one SHA-1 block, and not ASCII.
    expect(uuidv5('x'.repeat(1000), URL_NAMESPACE)).toBe('68491f23-75a7-557d-943b-00881c13ae1e');
    expect(uuidv5('https://example.com/ü', URL_NAMESPACE)).toBe('a17f7a1d-6bb5-51a9-9d32-f9d2fdeec8b6');
  });

  it('is accepted by the lesson id schema', () => {
    expect(z.uuid().safeParse(uuidv5('anything', URL_NAMESPACE)).success).toBe(true);
  });
});
