// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { FindingsPanel, type Redactable } from './FindingsPanel';

const root = testRoot();
const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
const base: Redactable = {
  title: '',
  quote: `Export the token ${TOKEN} first`,
  note: 'Ask jane.doe@acme-corp.com',
  answers: [],
  actions: [],
  anchor: { quote: { type: 'TextQuoteSelector', exact: `Export the token ${TOKEN} first`, prefix: 'Step 3: ', suffix: ' then' }, position: { type: 'TextPositionSelector', start: 8, end: 71 }, root: 'body' },
};

function mount(value: Redactable, personalStops = false) {
  const changes: Redactable[] = [];
  act(() => render(<FindingsPanel value={value} onChange={(v) => changes.push(v)} personalStops={personalStops} />, root()));
  return changes;
}
const button = (name: string) => [...root().querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!;

describe('FindingsPanel', () => {
  it('shows each finding highlighted in its text, a secret as a stop and personal data as a warning', () => {
    mount(base);
    expect([...root().querySelectorAll('mark')].map((m) => m.textContent)).toEqual([TOKEN, 'jane.doe@acme-corp.com']);
    expect(root().querySelector('.lm-findings-head')!.textContent).toContain('A secret in this lesson');
    expect(root().querySelector('.lm-finding.warning')!.textContent).toContain('email address');
  });

  it('Redact replaces the text in the quote and its anchor; Keep records kind and hash', () => {
    const changes = mount(base);
    act(() => button('Redact the GitHub token').click());
    expect(changes[0].quote).toBe('Export the token [redacted: GitHub token] first');
    expect(changes[0].anchor!.quote.exact).toBe(changes[0].quote);
    expect(changes[0].anchor!.position).toEqual(base.anchor!.position);
    act(() => button('Keep the GitHub token').click());
    expect(changes[1].keptSecrets).toEqual([{ kind: 'github-token', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(changes[1].quote).toBe(base.quote);
  });

  it('Alt+R redacts everything; nothing to decide renders nothing', () => {
    const changes = mount(base);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', code: 'KeyR', altKey: true, bubbles: true }));
    });
    expect(changes[0].quote).toBe('Export the token [redacted: GitHub token] first');
    expect(changes[0].note).toBe('Ask [redacted: email address]');
    mount(changes[0]);
    expect(root().querySelector('.lm-findings')).toBeNull();
  });
});
