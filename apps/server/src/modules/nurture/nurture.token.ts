import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long an unsubscribe link works: long after the e-mail (people unsubscribe from old mail), but not forever. */
export const UNSUBSCRIBE_VALID_DAYS = 400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const newSigningKey = () => randomBytes(32).toString('base64url');

const mac = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export interface TUnsubscribeClaim {
  orgId: string;
  contactId: string;
  programmeId: string;
  /** The day the link was made, as days since 1970. */
  issuedDay: number;
}

/** `<org>.<contact>.<programme>.<day>.<HMAC of the rest>`: the organisation is read first to find its key. */
export function signUnsubscribe(key: string, c: TUnsubscribeClaim): string {
  const payload = `${c.orgId}.${c.contactId}.${c.programmeId}.${c.issuedDay.toString(36)}`;
  return `${payload}.${mac(key, payload)}`;
}

/** The claim's parts, unverified (the organisation names the key); null when it is not of the form. */
export function readUnsubscribe(token: string): (TUnsubscribeClaim & { payload: string; signature: string }) | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [orgId = '', contactId = '', programmeId = '', day = '', signature = ''] = parts;
  if (![orgId, contactId, programmeId].every((id) => UUID.test(id)) || !/^[0-9a-z]{1,8}$/.test(day)) return null;
  return { orgId, contactId, programmeId, issuedDay: Number.parseInt(day, 36), payload: parts.slice(0, 4).join('.'), signature };
}

/** True when the signature is the key's and the link has not expired. */
export function verifyUnsubscribe(key: string, claim: { payload: string; signature: string; issuedDay: number }, today: number): boolean {
  const expected = Buffer.from(mac(key, claim.payload));
  const given = Buffer.from(claim.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return claim.issuedDay <= today && today - claim.issuedDay <= UNSUBSCRIBE_VALID_DAYS;
}

export const dayNumber = (d: Date) => Math.floor(d.getTime() / 86_400_000);
