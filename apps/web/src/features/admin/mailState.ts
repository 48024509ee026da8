import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';

/**
 * An outbox e-mail's state in words both the Outbox and the Jobs page use. The row's own status is
 * pending/sent/failed; "pending" alone hid two different things: waiting for the first delivery run,
 * retrying after SMTP refused it, and never leaving because no SMTP server is configured.
 */
export type MailState = 'sent' | 'failed' | 'retrying' | 'waiting' | 'no_smtp';

export function mailState(mail: { status: string; attempts: number }, smtpConfigured: boolean | undefined): MailState {
  if (mail.status === 'sent') return 'sent';
  if (mail.status === 'failed') return 'failed';
  if (smtpConfigured === false) return 'no_smtp';
  return mail.attempts > 0 ? 'retrying' : 'waiting';
}

/** The jobs that deliver the outbox: one per written e-mail, and the sweep that retries every minute. */
export const MAIL_JOBS: readonly string[] = ['deliver-email', 'deliver-email-sweep'];

/** Whether an SMTP server is configured (undefined while unknown). */
export function useSmtpConfigured(): boolean | undefined {
  const health = useQuery({ queryKey: ['health'], queryFn: async () => unwrap(await api.GET('/api/health')), staleTime: 60_000 });
  return health.data?.mail.smtpConfigured;
}
