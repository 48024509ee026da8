import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The customer's link to a quote: `<payload><signature>`, both base64url (the payload is always 48 characters; no dot,
 * which the web server would take for a file extension). The payload is the organisation's and the
 * quote's ids and the expiry (seconds); the signature an HMAC-SHA256 of it under the quote's own secret (kept on the
 * quote, replaced to revoke every earlier link). Anything that does not verify is simply not found.
 */
export interface TQuoteToken {
  orgId: string;
  quoteId: string;
  expiresAt: Date;
}

export const newLinkSecret = () => randomBytes(32).toString('base64url');
const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest().subarray(0, 20);

export function signQuoteToken(secret: string, t: TQuoteToken): string {
  const exp = Buffer.alloc(4);
  exp.writeUInt32BE(Math.floor(t.expiresAt.getTime() / 1000));
  const payload = Buffer.concat([uuidBytes(t.orgId), uuidBytes(t.quoteId), exp]).toString('base64url');
  return `${payload}${sign(secret, payload).toString('base64url')}`;
}

/** The ids a token names, before its signature is checked (the secret is looked up by them). Null when malformed. */
export function readQuoteToken(token: string): (TQuoteToken & { payload: string; signature: Buffer }) | null {
  const payload = token.slice(0, 48);
  const sig = token.slice(48);
  if (!sig || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 36) return null;
  return {
    orgId: uuidOf(bytes.subarray(0, 16)),
    quoteId: uuidOf(bytes.subarray(16, 32)),
    expiresAt: new Date(bytes.readUInt32BE(32) * 1000),
    payload,
    signature: Buffer.from(sig, 'base64url'),
  };
}

/** True when the token was signed with this secret and has not expired at `now`. */
export function verifyQuoteToken(secret: string, t: { payload: string; signature: Buffer; expiresAt: Date }, now: Date): boolean {
  const expected = sign(secret, t.payload);
  return t.signature.length === expected.length && timingSafeEqual(t.signature, expected) && t.expiresAt.getTime() > now.getTime();
}
