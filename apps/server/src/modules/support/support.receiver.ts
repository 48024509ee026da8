import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { SupportInbound, TInboundMail } from './support.inbound.ts';
import { htmlToText } from './support.mail.ts';

/** The largest inbound e-mail accepted (attachments are not kept, but they arrive with the mail). */
const MAX_BYTES = 10 * 1024 * 1024;

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => {
  const value = (Array.isArray(a) ? a[0] : a)?.value[0];
  return value?.address ? { address: value.address.toLowerCase(), name: value.name || null } : null;
};

/**
 * The SMTP receiver of support mail, inside the product: off unless INBOUND_SMTP_PORT is set. Recipients are
 * checked at RCPT TO (an address of no organisation is refused with 550, so nothing is accepted that would be
 * lost); a mail is answered 250 only after its request is committed, and 451 (try again later) when storing it
 * failed, so the sending server keeps it. No authentication (it receives mail for its own domain, like any MX);
 * put it behind the organisation's mail server or a relay for TLS and spam filtering.
 */
export function createInboundReceiver(deps: { inbound: SupportInbound; logger: Logger }) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_BYTES,
    logger: false,
    banner: 'Customer365 support',
    onRcptTo(address, _session, callback) {
      deps.inbound.resolveRecipient(address.address).then(
        (target) => callback(target ? undefined : smtpError('No such mailbox here', 550)),
        (err: Error) => {
          deps.logger.warn({ err: err.message }, 'inbound support mail: recipient check failed');
          callback(smtpError('Temporary failure, try again later', 451));
        },
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) throw smtpError('Message too large', 552);
          const from =
            firstAddress(parsed.from) ?? (session.envelope.mailFrom ? { address: session.envelope.mailFrom.address, name: null } : null);
          if (!from) throw smtpError('No sender', 550);
          const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
          const mail: TInboundMail = {
            recipients: session.envelope.rcptTo.map((r) => r.address),
            from,
            subject: parsed.subject,
            text: parsed.text?.trim() ? parsed.text : parsed.html ? htmlToText(parsed.html) : '',
            messageId: parsed.messageId ?? null,
            inReplyTo: parsed.inReplyTo ?? null,
            references,
          };
          const result = await deps.inbound.receive(mail);
          if (result.outcome === 'unknown_recipient') throw smtpError('No such mailbox here', 550);
          deps.logger.info({ outcome: result.outcome, requestId: result.requestId }, 'inbound support mail');
          callback();
        })
        .catch((err: Error & { responseCode?: number }) => {
          if (!err.responseCode) deps.logger.warn({ err: err.message }, 'inbound support mail: storing failed');
          callback(err.responseCode ? err : smtpError('Temporary failure, try again later', 451));
        });
    },
  });

  return {
    name: 'support-inbound-smtp',
    /** Listens on the port (0: any free one); resolves with the port it got. */
    async listen(port: number, host: string): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.on('error', (err) => deps.logger.warn({ err: err.message }, 'inbound support SMTP'));
      return (server.server.address() as AddressInfo).port;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type InboundReceiver = ReturnType<typeof createInboundReceiver>;
