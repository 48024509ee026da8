import { CliError, EXIT, usageError } from './errors.ts';

/**
 * Reads a secret: typed without echo at a terminal, or the first line of piped stdin
 * (`echo "$PASSWORD" | customer365 create-admin …`), so it never has to appear in the process list.
 */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return readFirstLine();
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliError('Cancelled.', 130));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(10)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('No password given: pass --password, or type it when asked (or pipe it on stdin).', EXIT.usage);
  return line;
}

/** Asks twice at a terminal so a typo does not lock the admin out; piped input is read once. */
export async function readNewPassword(): Promise<string> {
  const first = await readSecret('Password for the admin (at least 12 characters): ');
  if (!process.stdin.isTTY) return first;
  const second = await readSecret('Repeat the password: ');
  if (first !== second) throw usageError('The two passwords differ; nothing was created.');
  return first;
}
