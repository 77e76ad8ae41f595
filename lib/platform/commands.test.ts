import { describe, expect, it } from 'vitest';
import { keysOf, shortcutsFrom } from './commands';

describe('shortcuts as bound', () => {
  it('splits the keys as each platform writes them', () => {
    expect(keysOf('Alt+Shift+L')).toEqual(['Alt', 'Shift', 'L']);
    expect(keysOf('Ctrl+Comma')).toEqual(['Ctrl', 'Comma']);
    expect(keysOf('⌥⇧L')).toEqual(['⌥', '⇧', 'L']);
    expect(keysOf('')).toEqual([]);
  });

  it('lists saving first, unbound ones with no keys, without the toolbar button', () => {
    expect(
      shortcutsFrom([
        { name: '_execute_action', shortcut: '', description: '' },
        { name: 'open-side-panel', shortcut: '', description: 'Show related lessons' },
        { name: 'save-lesson', shortcut: 'Alt+Shift+L', description: 'Save the selection' },
      ]),
    ).toEqual([
      { name: 'save-lesson', description: 'Save the selection', keys: ['Alt', 'Shift', 'L'] },
      { name: 'open-side-panel', description: 'Show related lessons', keys: [] },
    ]);
  });
});
