/**
 * Exit codes, documented in `customer365 --help`:
 * 0 success · 1 the operation failed (server, database, import) · 2 bad usage or input (nothing was changed).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** An error meant for the person at the terminal: its message is printed as is, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);

/** Progress and messages go to stderr so that stdout carries only data (e.g. `export` without --out). */
export const say = (line = '') => process.stderr.write(`${line}\n`);
