// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { testRoot } from '@/test/support/dom-root';
import { describe, expect, it } from 'vitest';
import { PillarForm, type PillarFormValues } from './PillarForm';

const root = testRoot();

function mount(onSubmit: (v: PillarFormValues) => Promise<void>, onCancel = () => {}) {
  act(() => {
    render(
      <PillarForm heading="Post-mortem" pillar="mistake" suggestions={[]} submitLabel="Save" initial={{ tags: ['acme'] }} onSubmit={onSubmit} onCancel={onCancel} />,
      root(),
    );
  });
}

const textareas = () => [...root().querySelectorAll('textarea')];
function type(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function key(el: Element, k: string, init: KeyboardEventInit = {}) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
}
const flush = () => act(async () => {});

describe('PillarForm', () => {
  it('asks the pillar questions and focuses the first', () => {
    mount(async () => {});
    expect([...root().querySelectorAll('.field > span')].map((s) => s.textContent)).toEqual([
      'Why did this happen?',
      'What patterns are emerging?',
      'How do we prevent it?',
      'Note',
      'Tags',
    ]);
    expect(document.activeElement).toBe(textareas()[0]);
  });

  it('saves with Ctrl+Enter from any field, with the answers in order and clean actions', async () => {
    const saved: PillarFormValues[] = [];
    mount(async (v) => void saved.push(v));
    const [why, patterns, prevent] = textareas();
    type(why, 'No backoff');
    type(prevent, 'Cap retries');
    type(root().querySelector<HTMLInputElement>('.action-text')!, ' Add alert ');
    key(patterns, 'Enter', { ctrlKey: true });
    await flush();
    expect(saved).toHaveLength(1);
    expect(saved[0].fields).toEqual(['No backoff', '', 'Cap retries']);
    expect(saved[0].actions.map((a) => a.text)).toEqual(['Add alert']);
    expect(saved[0].tags).toEqual(['acme']);
    expect(saved[0].visibility).toBe('private');
  });

  it('moves on with Enter in a one-line field, and keeps a new line for Enter in a text area', () => {
    mount(async () => {});
    const actionText = root().querySelector<HTMLInputElement>('.action-text')!;
    type(actionText, 'Add alert');
    const owner = root().querySelector<HTMLInputElement>('.action-owner')!;
    key(actionText, 'Enter');
    expect(document.activeElement).toBe(owner);
    const ev = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    act(() => void textareas()[0].dispatchEvent(ev));
    expect(ev.defaultPrevented).toBe(false);
  });

  it('refuses to save an empty template and says why', async () => {
    const saved: PillarFormValues[] = [];
    mount(async (v) => void saved.push(v));
    key(textareas()[0], 'Enter', { metaKey: true });
    await flush();
    expect(saved).toEqual([]);
    expect(root().querySelector('[role=alert]')?.textContent).toContain('Answer at least one question');
  });

  it('closes on Escape, and keeps what was typed when a save fails', async () => {
    let cancelled = 0;
    mount(async () => {
      throw new Error('worker asleep');
    }, () => void cancelled++);
    type(textareas()[0], 'No backoff');
    key(textareas()[0], 'Enter', { ctrlKey: true });
    await flush();
    expect(root().querySelector('[role=alert]')?.textContent).toContain('Could not save: worker asleep');
    expect(textareas()[0].value).toBe('No backoff');
    key(textareas()[1], 'Escape');
    expect(cancelled).toBe(1);
  });
});
