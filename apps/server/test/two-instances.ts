// Two app instances on one scratch database (two workers; on PostgreSQL two connection pools) and a real SMTP sink:
// the set-up of the tests that prove "once, also with several instances running" (reminders, playbooks, …).
import { buildTestApp, type TestApp } from './harness.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

export interface TwoInstances {
  a: TestApp;
  b: TestApp;
  smtp: SmtpSink;
  /** Runs both workers together until neither finds a due job (event deliveries, the mail). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Both instances on the same fixed clock at `now`, each sending its mail to the one SMTP sink. */
export async function startTwoInstances(now: string): Promise<TwoInstances> {
  const scratch = await createScratchDatabase();
  const smtp = await startSmtpSink();
  const a = await buildTestApp({ database: scratch.database, smtpUrl: smtp.url, now });
  const b = await buildTestApp({ database: await scratch.openAnother(), smtpUrl: smtp.url, now });
  return {
    a,
    b,
    smtp,
    async drain() {
      for (let i = 0; i < 300; i++) {
        const [x, y] = await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
        if (x + y === 0) return;
      }
    },
    async close() {
      await a.close();
      await b.close();
      await scratch.close();
      await smtp.close();
    },
  };
}
