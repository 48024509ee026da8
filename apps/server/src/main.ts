import { startServer } from './server.ts';

startServer().catch((err: Error) => {
  process.stderr.write(`\nCustomer365 could not start: ${err.message}\n`);
  process.exit(1);
});
