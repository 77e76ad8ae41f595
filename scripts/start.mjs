// `npm start`: builds the extension for Chrome and Firefox, then runs the local team endpoint.
import { spawnSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npx', ['wxt', 'build']);
run('npx', ['wxt', 'build', '-b', 'firefox']);

const chrome = resolve('.output/chrome-mv3');
const firefox = resolve('.output/firefox-mv2');
console.log(`
Lessonmark is built.

  Chrome / Edge:  open chrome://extensions, switch on "Developer mode",
                  "Load unpacked", and pick ${chrome}
  Firefox:        open about:debugging#/runtime/this-firefox,
                  "Load Temporary Add-on…", and pick ${firefox}/manifest.json

  Save a lesson:  select text, then Alt+Shift+L (or right-click → "Save as lesson").
`);

const server = spawn('npx', ['tsx', 'scripts/local-endpoint.ts'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
