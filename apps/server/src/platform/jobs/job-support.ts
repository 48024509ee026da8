/**
 * Thrown by `JobContext.checkpoint()` (and by `signal.throwIfAborted()`) once the worker is stopping: the
 * worker hands the job back to the queue instead of recording a failure, and another worker resumes it.
 * A handler that catches errors to record them must let this one through.
 */
export class JobInterrupted extends Error {
  constructor() {
    super('The worker is stopping: the job goes back to the queue and resumes on another worker');
    this.name = 'JobInterrupted';
  }
}

export const isJobInterrupted = (err: unknown): err is JobInterrupted => err instanceof JobInterrupted;

/** Wait up to `ms`; `wake()` ends the wait early (a job finished, new cron slots, stop). */
export function createSleeper() {
  let wake: (() => void) | null = null;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      }),
    wake: () => wake?.(),
  };
}

/**
 * A job's error is shown in Administration → Jobs. Query wrappers put the SQL and its parameters in the
 * message; keep the underlying driver's message and never the parameters.
 */
export function clientSafeMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return message.replace(/\s*params:[\s\S]*$/, '').replace(/^Failed query:[\s\S]*$/, 'A database query failed');
}
