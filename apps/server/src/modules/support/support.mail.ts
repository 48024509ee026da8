import { randomBytes } from 'node:crypto';

/**
 * Pure helpers of the support e-mail: addresses, the reference in subjects, and the customer's text without the
 * quoted history. An organisation's inbound address is `<slug>@<inbound domain>`; a request's reply-to address
 * adds its secret token, `<slug>+<token>@<inbound domain>`, so an answer finds its request even when the mail
 * program drops the threading headers; the `[#1042]` in the subject is the last resort (trusted only from the
 * request's own people, as a number is guessable).
 */

const TOKEN_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 16 characters of an unambiguous lowercase alphabet (80 bits): mail systems may lowercase the local part. */
export function newReplyToken(): string {
  const bytes = randomBytes(16);
  return [...bytes].map((b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('');
}

export const inboundAddress = (slug: string, domain: string) => `${slug}@${domain}`;
export const replyAddress = (slug: string, token: string, domain: string) => `${slug}+${token}@${domain}`;

/** The organisation slug and request token an inbound recipient names, when it is at the inbound domain. */
export function parseRecipient(address: string, domain: string): { slug: string; token: string | null } | null {
  const at = address.lastIndexOf('@');
  if (at < 1 || address.slice(at + 1).toLowerCase() !== domain) return null;
  const local = address.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  const slug = plus < 0 ? local : local.slice(0, plus);
  const token = plus < 0 ? null : local.slice(plus + 1);
  return slug ? { slug, token: token && /^[a-z0-9]{8,64}$/.test(token) ? token : null } : null;
}

const TAG = /\[#(\d{1,9})\]/;

export const subjectNumber = (subject: string): number | null => {
  const m = TAG.exec(subject);
  return m ? Number(m[1]) : null;
};

/** `Re: <subject> [#1042]`, without piling up "Re:" or the tag. */
export function replySubject(subject: string, number: number): string {
  const bare = subject
    .replace(TAG, '')
    .replace(/^\s*((re|aw|sv|antw|fw|fwd)\s*:\s*)+/i, '')
    .trim();
  return `Re: ${bare} [#${number}]`;
}

/** The subject a request keeps from an e-mail: without "Re:" and our tag. */
export const requestSubject = (subject: string | undefined) =>
  (subject ?? '')
    .replace(TAG, '')
    .replace(/^\s*((re|aw|sv|antw|fw|fwd)\s*:\s*)+/i, '')
    .trim()
    .slice(0, 300) || '(no subject)';

/**
 * The new part of an answer: the text above the quoted history ("On … wrote:", "Op … schreef", "Den … skrev",
 * a "-----Original Message-----" line, or a block of `>` lines). The whole text when nothing new is above it.
 */
export function withoutQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex(
    (l, i) =>
      /^\s*(On|Op|Den|Am|Le)\s.+(wrote|schreef|skrev|schrieb|écrit)\s*:\s*$/i.test(l) ||
      /^-{2,}\s*(Original Message|Oorspronkelijk bericht|Oprindelig meddelelse)\s*-{2,}/i.test(l) ||
      (/^>/.test(l) && lines.slice(i).every((x) => /^>/.test(x) || !x.trim())),
  );
  const kept = (cut < 0 ? lines : lines.slice(0, cut)).join('\n').trim();
  return kept || text.trim();
}

/** Text of an HTML-only mail: tags dropped, the common entities read, blank runs collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The plain-text reply the customer gets: the agent's words, their name, and the reference. */
export function renderReply(input: { body: string; agentName: string; orgName: string; number: number }): string {
  return `${input.body.trim()}\n\n${input.agentName}\n${input.orgName}\n\n[#${input.number}] Reply to this e-mail to answer; keep the reference in the subject.`;
}
