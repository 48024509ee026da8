import { buildApp } from './app.ts';
import { loadConfig, type TConfig } from './config/config.ts';
import { seedDemoIfEmpty } from './db/seed/demo.ts';
import { systemClock } from './platform/clock.ts';
import { openDatabase } from './platform/db/database.ts';
import { createLogger } from './platform/logger.ts';
import { createSmtpMailer } from './platform/mail/outbox.ts';

/** Start the whole product in one process: migrations, demo data on first start, HTTP server and worker. */
export async function startServer(config: TConfig = loadConfig()) {
  const startedAt = performance.now();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.pgPoolMax,
    durableWrites: config.pgliteDurableWrites,
    logger,
  });
  await database.migrate();
  const mailer = createSmtpMailer(config.smtpUrl);
  const clock = systemClock;
  const demo = config.seedDemo ? await seedDemoIfEmpty(database, clock, config.publicUrl) : null;
  const { app, worker } = await buildApp({ config, database, clock, logger, mailer });
  if (config.processRole !== 'web') worker.start();
  await app.listen({ port: config.port, host: config.host });

  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const lines = [
    '',
    `  Customer365 is running at ${config.publicUrl}   (database: ${where}; ${Math.round(performance.now() - startedAt)} ms to start)`,
    `  API reference: ${config.publicUrl}/api/docs`,
  ];
  if (demo) {
    lines.push('', `  Demo organisation "${demo.organisation}" — every demo user's password is: ${demo.password}`);
    for (const u of demo.users) lines.push(`    ${u.role.padEnd(18)} ${u.email}`);
  }
  if (!mailer.configured) lines.push('', '  SMTP_URL is not set: e-mails are kept in Administration → Outbox.');
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close().catch(() => {});
    await worker.stop().catch(() => {});
    mailer.close();
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { app, worker, database, stop };
}
