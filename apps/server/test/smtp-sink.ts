/** A real SMTP server on a random local port that parses what it receives (or refuses it, on demand). */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  inbox: ParsedMail[];
  /** While set, every message is refused with this SMTP reply code (e.g. 451 temporary, 550 permanent). */
  refuseWith: number | null;
  /** Recipients of every refused message, one entry per attempt. */
  refused: string[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', inbox: [], refuseWith: null, refused: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      if (sink.refuseWith) {
        const code = sink.refuseWith;
        stream.resume();
        stream.on('end', () => {
          sink.refused.push(...session.envelope.rcptTo.map((r) => r.address));
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: code }));
        });
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          sink.inbox.push(mail);
          callback();
        },
        (err) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** The first link in a mail's text, e.g. the password-reset link. */
export function linkIn(mail: ParsedMail): URL {
  const m = /https?:\/\/\S+/.exec(mail.text ?? '');
  if (!m) throw new Error(`no link in mail: ${mail.text}`);
  return new URL(m[0]);
}
