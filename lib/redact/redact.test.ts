import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generate, OUT_PATH, translateGoRegex } from '../../scripts/gitleaks-rules';
import { loadCorpus, score } from '../../test/fixtures/redact/corpus';
import { findSensitive, isPersonal } from '.';
import { KeywordSet } from './keywords';

function found(text: string): [string, string][] {
  return findSensitive(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe('findSensitive', () => {
  it('finds the famous formats with the kinds people know', () => {
    expect(found('aws key AKIAZ2X7QK4M5N6P7R3S in the log')).toEqual([['aws-access-key', 'AKIAZ2X7QK4M5N6P7R3S']]);
    expect(found('GITHUB_TOKEN=ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP.')).toEqual([['github-token', 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP']]);
    const key = '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n'.repeat(3) + '-----END RSA PRIVATE KEY-----';
    expect(found(`key:\n${key}\nthen`)).toEqual([['private-key', key]]);
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(found(`Authorization=Bearer ${jwt}; next`)).toEqual([['jwt', jwt]]);
  });

  it('hides only the password of a URL or a connection string', () => {
    expect(found('postgres://app:S3cr3t-Pa55w0rd@db.internal:5432/orders')).toEqual([['password-in-url', 'S3cr3t-Pa55w0rd']]);
    expect(found('redis://:hunter2-Prod-2024@cache:6379/0')).toEqual([['password-in-url', 'hunter2-Prod-2024']]);
    expect(found('Server=tcp:sql.acme.net,1433;User ID=svc;Password=Xk7#pQ2mZr;Encrypt=True;')).toEqual([['connection-string', 'Xk7#pQ2mZr']]);
    expect(found('DB_PASSWORD=Sup3rS3cret!')).toEqual([['password-assignment', 'Sup3rS3cret!']]);
  });

  it('finds what notes hold beyond gitleaks: SAS signatures, Docker and Discord tokens, passwords in sentences', () => {
    expect(found('https://acme.blob.core.windows.net/logs?sv=2022-11-02&sp=rl&sig=Zk9vQmFyQmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo%3D').map(([k]) => k)).toEqual(['azure-sas-token']);
    expect(found('docker login -p dckr_pat_2YwQk3f9aB7cD1eF5gH8iJ0kL4m').map(([k]) => k)).toEqual(['docker-hub-token']);
    expect(found('ssh root@10.0.3.17 with password Winter2024!')).toEqual([['password-assignment', 'Winter2024']]);
    expect(found('Authorization: Basic dXNlcjpTdXAzclMzY3JldCE=')).toEqual([['bearer-token', 'dXNlcjpTdXAzclMzY3JldCE=']]);
  });

  it('leaves placeholders and references alone', () => {
    for (const text of [
      'postgres://app:password@db/orders',
      'postgres://app:${DB_PASSWORD}@db/orders',
      'password = os.environ["DB_PASSWORD"]',
      'password: <your password>',
      'token_url = https://login.acme.io/oauth2/token',
      'the secret: my-app-secret-name',
      'glpat-xxxxxxxxxxxxxxxxxxxx',
      "gcloud apis describe (API : --organization=ORGANIZATION) --consumer=organizations/54321",
      '--secret=projects/my-project/secrets/my-secret/versions/2 and secret_foo=SECRET_FOO:latest',
      'oauth2-client-secret=OAUTH2-CLIENT-SECRET',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('tells personal data apart from secrets', () => {
    const text = 'Contact jane.doe@acme-corp.com or +44 20 7946 0958 or (415) 555-0132';
    expect(found(text)).toEqual([
      ['email', 'jane.doe@acme-corp.com'],
      ['phone', '+44 20 7946 0958'],
      ['phone', '(415) 555-0132'],
    ]);
    expect(findSensitive(text).every((f) => isPersonal(f.kind))).toBe(true);
    expect(isPersonal('aws-access-key')).toBe(false);
  });

  it('does not take look-alikes for secrets', () => {
    const text = [
      'commit 3f786850e387550fdab836ed7e6dc881de23001b (v2.14.3, build 2024.03.14-7)',
      'uuid 123e4567-e89b-12d3-a456-426614174000, sha256:4b8ff392a12ed9ea17784bd3c9a8b1fa3299cac44aca35a85c90c5e3c7afacdc',
      'icon@2x.png, git@github.com:owner/repo.git, lodash@4.17.21, 2024-03-14 10:22:33, 192.168.100.200:8080',
      '"integrity": "sha512-xyX0X9mc0kyz9plIyryrRbl7ngsA9jz77mCZJsUkLl+ZKs0KWObgaEBoSgQiYWAsSmjz/yjl0F++Got0Mdp4Rw=="',
    ].join('\n');
    expect(found(text)).toEqual([]);
  });

  it('gives offsets into the text and a label, never the matched text', () => {
    const text = 'x '.repeat(50) + 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 y';
    const [f] = findSensitive(text);
    expect(f).toEqual({ start: 100, end: 140, kind: 'npm-access-token', label: 'npm access token' });
    expect(JSON.stringify(f)).not.toContain('a1B2c3');
  });

  it('writes nothing to the console', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    for (const doc of loadCorpus()) findSensitive(doc.text);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });

  it('copes with empty, huge and odd input', () => {
    expect(findSensitive('')).toEqual([]);
    expect(findSensitive('\u0000\uffff😀'.repeat(1000))).toEqual([]);
    expect(findSensitive('a'.repeat(200_000))).toEqual([]);
    expect(findSensitive(`api_key = ${'Ab'.repeat(70)}!`)).toEqual([]);
    expect(findSensitive(`password=${'A_'.repeat(2000)}`)).toEqual([]);
  });
});

afterEach(() => vi.restoreAllMocks());

describe('the labelled corpus (test/fixtures/redact)', () => {
  it('finds at least 95% of the secrets and almost nothing in real prose', () => {
    const s = score(loadCorpus(), findSensitive);
    expect(s.secrets).toBeGreaterThan(50);
    expect(s.secretsFound / s.secrets).toBeGreaterThanOrEqual(0.95);
    expect(s.personalFound / s.personal).toBeGreaterThanOrEqual(0.9);
    expect(s.proseChars).toBeGreaterThan(300_000);
    expect((s.proseFalsePositives / s.proseChars) * 100_000).toBeLessThanOrEqual(1);
  });
});

describe('gitleaks rules', () => {
  it('the generated file is what scripts/gitleaks-rules.ts makes of the committed config', () => {
    expect(readFileSync(OUT_PATH, 'utf8')).toBe(generate());
  });

  it('translates Go inline flags', () => {
    expect(translateGoRegex('(?i)abc')).toEqual({ source: 'abc', flags: 'i' });
    expect(translateGoRegex('(?i)a(?-i:B)c')).toEqual({ source: '[aA](?:B)[cC]', flags: '' });
    expect(translateGoRegex('x(?i)[a-c]_\\z')).toEqual({ source: 'x[a-cA-C]_(?![\\s\\S])', flags: '' });
    expect(translateGoRegex('(?s:.)[[:alnum:]]')).toEqual({ source: '(?:[\\s\\S])[a-zA-Z0-9]', flags: '' });
    expect(translateGoRegex('(?P<k>a)')).toEqual({ source: '(?<k>a)', flags: '' });
    expect(() => translateGoRegex('(?U)a')).toThrow(/not translated/);
  });
});

describe('KeywordSet', () => {
  it('finds keywords in any case, overlapping ones included', () => {
    const k = new KeywordSet(['key', 'api', 'apikey', 'ey']);
    expect([...k.found('My APIKEY here')].map((i) => k.words[i]).sort()).toEqual(['api', 'apikey', 'ey', 'key']);
    expect(k.where('a key, a Key')).toEqual(new Map([[0, [2, 9]], [3, [3, 10]]]));
    expect(k.found('nothing')).toEqual(new Set());
  });
});
