// Serve dist/ on 127.0.0.1 and print the URL. usage: node scripts/serve.mjs [PORT]
import { startServer } from '../tests/e2e/support/server.mjs';

const wanted = Number(process.argv[2] ?? 8080);
let server;
try {
  server = await startServer({ port: wanted });
} catch (err) {
  if (err.code !== 'EADDRINUSE') throw err;
  server = await startServer({ port: 0 });
  console.log(`port ${wanted} is taken; using ${server.port}`);
}
console.log(`\nWindows upgrade path planner: ${server.url}\n(press Ctrl+C to stop)`);
process.on('SIGINT', () => server.close().then(() => process.exit(0)));
