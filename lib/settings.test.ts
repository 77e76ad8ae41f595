import { describe, expect, it } from 'vitest';
import { SettingsSchema, endpointProblem } from './settings';

describe('endpointProblem', () => {
  it.each(['', 'https://lessons.acme.example', 'http://localhost:8787', 'http://127.0.0.1:8787/', 'http://[::1]:8787'])(
    'accepts %s',
    (url) => expect(endpointProblem(url)).toBeNull(),
  );
  it.each([
    ['http://lessons.acme.example', /https/],
    ['ftp://localhost', /https/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, why) => expect(endpointProblem(url)).toMatch(why));
});

describe('SettingsSchema', () => {
  it('fills defaults and keeps lessons private unless told otherwise', () => {
    expect(SettingsSchema.parse({})).toMatchObject({ defaultVisibility: 'private', endpoint: '', displayName: '' });
  });
  it('rejects an unknown visibility', () => {
    expect(SettingsSchema.safeParse({ defaultVisibility: 'everyone' }).success).toBe(false);
  });
});
