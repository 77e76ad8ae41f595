import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Lessonmark',
    description: 'Capture lessons where work happens.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms'],
    commands: {
      'save-lesson': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Save the selection (or the page) as a lesson',
      },
    },
  },
});
