import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { TTrustProxy } from '../platform/http/proxy-check.ts';

const boolish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Address names proxy-addr (Fastify's trustProxy) knows besides addresses and CIDR ranges. */
const PROXY_ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which proxies' X-Forwarded-For to believe: false; a hop count (1 = the proxy in front of us, the usual
 * case); addresses or CIDR ranges of the proxies; or true (every hop, so a client that sends its own header
 * picks its address: only behind a proxy that overwrites the header).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): TTrustProxy => {
    const lower = v.toLowerCase();
    if (lower === 'false' || lower === 'no' || lower === '0') return false;
    if (lower === 'true' || lower === 'yes') return true;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(',').map((s) => s.trim());
    const bad = list.find((entry) => {
      const [address, bits, extra] = entry.split('/');
      if (extra !== undefined || !address) return true;
      if (PROXY_ADDRESS_NAMES.includes(address) && bits === undefined) return false;
      const family = net.isIP(address);
      return !family || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
    });
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not true/false, a hop count, an IP address or a CIDR range` });
      return z.NEVER;
    }
    return list;
  });

/** Every environment variable Customer365 reads. Documented in README.md ("Configuration"). */
export const ZConfigEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3650),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  PGLITE_DURABLE_WRITES: boolish.default(true),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  PROCESS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  SEED_DEMO: boolish.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Customer365 <no-reply@localhost>'),
  /** The support requests' inbound SMTP receiver: off unless a port is given (with the domain its addresses are at). */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().default('0.0.0.0'),
  INBOUND_EMAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i, 'must be a domain name, e.g. support.example.com')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: boolish.optional(),
  TRUST_PROXY: trustProxy.default(false),
  WEB_DIST: z.string().optional(),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Jobs of the default lane (e-mail, housekeeping, …) one worker process runs at the same time. */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  /** Jobs of the bulk lane (imports) one worker process runs at the same time, besides the default lane. */
  JOB_BULK_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(1),
  /** Requests to addresses users type (playbook webhooks) may go to private networks and this machine too. */
  OUTBOUND_ALLOW_PRIVATE: boolish.default(false),
});

export type TConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  // An empty variable (FOO=) means "not set", as in most tools.
  const parsed = ZConfigEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.INBOUND_SMTP_PORT !== undefined && !e.INBOUND_EMAIL_DOMAIN)
    throw new Error('Invalid configuration:\n  INBOUND_EMAIL_DOMAIN: needed with INBOUND_SMTP_PORT (the domain of the inbound addresses)');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    pgPoolMax: e.PG_POOL_MAX,
    pgliteDurableWrites: e.PGLITE_DURABLE_WRITES,
    processRole: e.PROCESS_ROLE,
    seedDemo: e.SEED_DEMO,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    inbound: {
      port: e.INBOUND_SMTP_PORT ?? null,
      host: e.INBOUND_SMTP_HOST,
      /** Also set without the receiver (mail relayed by another server): replies then carry the reply-to address. */
      domain: e.INBOUND_EMAIL_DOMAIN?.toLowerCase() ?? null,
    },
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    trustProxy: e.TRUST_PROXY,
    webDist: e.WEB_DIST,
    jobPollMs: e.JOB_POLL_MS,
    jobConcurrency: { default: e.JOB_CONCURRENCY, bulk: e.JOB_BULK_CONCURRENCY },
    outboundAllowPrivate: e.OUTBOUND_ALLOW_PRIVATE,
  };
}
