import { buildApp } from './app.ts';
import { loadConfig, type TConfig } from './config/config.ts';
import { seedDemoIfEmpty } from './db/seed/demo.ts';
import { demoLoginLines, findDemoLogins } from './db/seed/demo-logins.ts';
import { systemClock } from './platform/clock.ts';
import { openDatabase } from './platform/db/database.ts';
import { createLogger } from './platform/logger.ts';
import { createSmtpMailer } from './platform/mail/outbox.ts';

/**
 * Start the whole product in one process: migrations, demo data on first start, HTTP server and worker. The
 * demo logins are printed on every start for as long as their password is still the demo one.
 */
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
  if (config.seedDemo) await seedDemoIfEmpty(database, clock, config.publicUrl);
  // Checked while the app is built: one argon2 verification, off the main thread.
  const demoLogins = findDemoLogins(database.db).catch((err: Error) => {
    logger.warn({ err: err.message }, 'checking the demo logins failed');
    return null;
  });
  const { app, worker, listeners } = await buildApp({ config, database, clock, logger, mailer });
  if (config.processRole !== 'web') worker.start();
  await app.listen({ port: config.port, host: config.host });
  const started = config.processRole === 'worker' ? [] : listeners;
  for (const l of started) await l.start();

  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const lines = [
    '',
    `  Customer365 is running at ${config.publicUrl}   (database: ${where}; ${Math.round(performance.now() - startedAt)} ms to start)`,
    `  API reference: ${config.publicUrl}/api/docs`,
  ];
  lines.push(...demoLoginLines(await demoLogins));
  if (!mailer.configured) lines.push('', '  SMTP_URL is not set: e-mails are kept in Administration → Outbox.');
  if (config.inbound.port !== null && started.length)
    lines.push(`  Support mail: SMTP on ${config.inbound.host}:${config.inbound.port} for <organisation>@${config.inbound.domain}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);

  /**
   * Requests in flight finish while new ones are answered 503, and at the same time the worker stops
   * claiming and hands its running jobs back at their next checkpoint, so another instance resumes them
   * at once. Then the database closes.
   */
  const close = async () => {
    await Promise.all([app.close().catch(() => {}), worker.stop().catch(() => {}), ...started.map((l) => l.stop().catch(() => {}))]);
    mailer.close();
    await database.close().catch(() => {});
  };
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { app, worker, database, stop, close };
}
