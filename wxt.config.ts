import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Lessonmark',
    description: 'Capture lessons where work happens.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'alarms', 'sidePanel'],
  },
});
