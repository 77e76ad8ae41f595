// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { LessonSchema, type Lesson } from '@/lib/lesson';
import { DueActions } from '../popup/DueActions';
import type { PopupEnv } from '../popup/env';
import { CopyCheck } from './CopyCheck';

const root = testRoot();
const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
const today = '2026-11-26';

const lesson = (note: string, n = 1): Lesson =>
  LessonSchema.parse({
    id: `0190a000-0000-7000-8000-00000000000${n}`,
    kind: 'mistake',
    title: `Rotate the CI token ${n}`,
    quote: 'The deploy job printed its environment.',
    note,
    source: { url: 'https://github.com/acme/web/issues/12', site: 'github', workItem: 'github:acme/web#12' },
    actions: [{ id: 'a1', text: `Revoke ${TOKEN}`, due: '2026-11-25', done: false }],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  });

function popup(l: Lesson) {
  const copied: string[] = [];
  const env = { copyText: async (text: string) => void copied.push(text), now: () => new Date(`${today}T10:00:00Z`) } as unknown as PopupEnv;
  act(() => render(<DueActions env={env} live={{ state: 'ready', value: [l] }} today={today} />, root()));
  return copied;
}
const button = (name: string) =>
  [...root().querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name || b.textContent?.trim() === name)!;
const region = () => root().querySelector('[role="region"][aria-label="Check before copying"]');
const click = (name: string) => act(async () => button(name).click());

describe('the popup\'s "Copy as issue" with a secret', () => {
  it('shows the findings first and copies only after Redact, with the token replaced in action and note', async () => {
    const copied = popup(lesson(`The token was ${TOKEN}, ask ops@acme-corp.com`));
    await click(`Copy as issue: Revoke ${TOKEN}`);
    expect(copied).toEqual([]);
    expect(region()!.textContent).toContain('The text to copy holds secrets or personal data');
    expect([...region()!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([TOKEN, 'ops@acme-corp.com']);
    await click('Redact the GitHub token');
    await click('Copy as shown');
    expect(copied).toHaveLength(1);
    expect(copied[0]).not.toContain(TOKEN);
    expect(copied[0]).toContain('Revoke [redacted: GitHub token]');
    expect(copied[0]).toContain('ops@acme-corp.com');
    expect(region()).toBeNull();
  });

  it('Keep copies the text as it is; Cancel copies nothing', async () => {
    const copied = popup(lesson('Nothing else.'));
    await click(`Copy as issue: Revoke ${TOKEN}`);
    await click('Cancel');
    expect(region()).toBeNull();
    expect(copied).toEqual([]);
    await click(`Copy as issue: Revoke ${TOKEN}`);
    await click('Keep the GitHub token');
    await click('Copy as shown');
    expect(copied[0]).toContain(`Revoke ${TOKEN}`);
  });

  it('copies at once when the lesson holds nothing to decide', async () => {
    const clean = LessonSchema.parse({ ...lesson('Nothing.'), actions: [{ id: 'a1', text: 'Rotate the token', due: '2026-11-25', done: false }] });
    const copied = popup(clean);
    await click('Copy as issue: Rotate the token');
    expect(region()).toBeNull();
    expect(copied).toHaveLength(1);
  });
});

describe('CopyCheck with several lessons', () => {
  it('Redact all redacts every lesson\'s copy and leaves the lessons themselves alone', async () => {
    const lessons = [lesson(`one ${TOKEN}`, 1), lesson('two', 2)];
    const done: Lesson[][] = [];
    act(() => render(<CopyCheck lessons={lessons} onCopy={(ls) => void done.push(ls)} onCancel={() => {}} />, root()));
    expect(region()!.textContent).toContain('2 lessons to copy hold secrets or personal data');
    await click('Redact all in every lesson');
    expect(region()!.textContent).toContain('Nothing left to decide.');
    await click('Copy as shown');
    expect(JSON.stringify(done[0])).not.toContain(TOKEN);
    expect(done[0].map((l) => l.actions[0].text)).toEqual(['Revoke [redacted: GitHub token]', 'Revoke [redacted: GitHub token]']);
    expect(lessons[0].actions[0].text).toBe(`Revoke ${TOKEN}`);
  });
});
