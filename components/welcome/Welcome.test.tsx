// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { Welcome } from './Welcome';

const root = testRoot();

describe('Welcome', () => {
  it('says "not set" for a shortcut the browser left unbound, and offers the shortcut settings', () => {
    let opened = 0;
    act(() => {
      render(
        <Welcome
          shortcuts={[
            { name: 'save-lesson', description: 'Save the selection', keys: [] },
            { name: 'open-side-panel', description: 'Show related lessons', keys: ['Alt', 'Shift', 'K'] },
          ]}
          openShortcutSettings={() => opened++}
          capture={() => {}}
        />,
        root(),
      );
    });
    const rows = [...root().querySelectorAll('tr')].map((r) => r.textContent);
    expect(rows).toEqual(['not setSave the selection', 'Alt+Shift+KShow related lessons']);
    // With the save shortcut unbound, the practice text offers only the button.
    expect(root().querySelector('#try-heading')!.nextElementSibling!.querySelector('kbd')).toBeNull();
    act(() => root().querySelector<HTMLButtonElement>('button.link')!.click());
    expect(opened).toBe(1);
  });
});
