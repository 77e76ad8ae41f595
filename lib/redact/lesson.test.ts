import { describe, expect, it } from 'vitest';
import { blockingFindings, describeFindings, keep, lessonFindings, redactAll, refusalReason, type Redactable } from './lesson';

const TOKEN = 'AKIAZ2X7QK4M5N6P7R3S';
const lesson: Redactable = {
  title: `Key ${TOKEN} leaked`,
  quote: '',
  note: `rotate ${TOKEN}; ask +44 20 7946 0958`,
  answers: [{ question: 'Why?', answer: 'postgres://app:S3cr3t-Pa55w0rd@db/orders was in the log' }],
  actions: [{ id: 'a', text: 'Call jane.doe@acme-corp.com', done: false }],
};

describe('secrets of a lesson', () => {
  it('are found in every field; personal data stops only when the person says so', () => {
    expect(lessonFindings(lesson).map((f) => [f.field, f.kind])).toEqual([
      ['title', 'aws-access-key'],
      ['note', 'aws-access-key'],
      ['note', 'phone'],
      ['answers.0', 'password-in-url'],
      ['actions.0', 'email'],
    ]);
    expect(blockingFindings(lesson).map((f) => f.kind)).toEqual(['aws-access-key', 'aws-access-key', 'password-in-url']);
    expect(blockingFindings(lesson, { personalStops: true })).toHaveLength(5);
  });

  it('kept by kind and hash, a secret no longer stops the lesson wherever it appears', () => {
    const [first] = lessonFindings(lesson);
    const kept = keep(lesson, first);
    expect(kept.keptSecrets).toEqual([{ kind: 'aws-access-key', hash: first.hash }]);
    expect(JSON.stringify(kept.keptSecrets)).not.toContain(TOKEN);
    expect(blockingFindings(kept).map((f) => f.kind)).toEqual(['password-in-url']);
  });

  it('redacting everything leaves nothing to find', () => {
    const clean = redactAll(lesson);
    expect(clean.title).toBe('Key [redacted: AWS access key] leaked');
    expect(clean.answers[0].answer).toBe('postgres://app:[redacted: password in a URL]@db/orders was in the log');
    expect(lessonFindings(clean)).toEqual([]);
  });

  it('says what it found without the text', () => {
    const found = lessonFindings(lesson);
    expect(describeFindings(found.filter((f) => !f.personal))).toBe('2 × AWS access key and a password in a URL');
    const reason = refusalReason(found);
    expect(reason).toMatch(/^Not shared: it holds an AWS access key, a phone number, a password in a URL and an email address\./);
    expect(reason).not.toContain(TOKEN);
  });
});
