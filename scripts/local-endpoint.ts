// The local team endpoint of `npm start`: the embedded SQLite store, a team and token made on first run.
import { DEFAULT_PORT, ensureLocalTeam, startServer } from '../server/start';

const port = Number(process.env.PORT ?? DEFAULT_PORT);
const local = await ensureLocalTeam();
const server = await startServer({ port, log: false });

console.log(`Team endpoint: ${server.url}  (SQLite in ./data; set DATABASE_URL for PostgreSQL)`);
if (local.created) {
  console.log(`
  A team "local" was created with this token (shown once; also saved to ${local.tokenFile}):

      ${local.token}

  In the extension's options page, set the endpoint to ${server.url} and paste the token.`);
} else {
  console.log(`  Team "local" exists; its token is in ${local.tokenFile}.`);
}
console.log('\nPress Ctrl+C to stop.');

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
