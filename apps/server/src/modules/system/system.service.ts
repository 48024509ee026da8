import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import type { Mailer } from '../../platform/mail/outbox.ts';
import { VERSION } from '../../version.ts';
import * as repo from './system.repository.ts';
import type {
  THealth,
  TJob,
  TJobsPageQuery,
  TJobsQuery,
  TOutboxEmail,
  TOutboxPageQuery,
  TOutboxQuery,
  TOutboxStatus,
} from './system.schemas.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A link's token is a credential of its recipient (a password reset or an invitation signs them in, a quote's
 * customer link accepts it), so admins reading the outbox see the link with its token masked; the delivered e-mail
 * keeps the real link. Any URL's `token` query parameter is masked, whichever page of ours it opens, and the path
 * segment after each of `secretPaths` (the modules' `secretLinkPaths`, such as `/q/`).
 */
const TOKEN_PARAM = /([?&](?:amp;)?token=)[^\s&#"'<>]+/gi;
export const MASK = '•••';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export function linkMasker(secretPaths: readonly string[] = []) {
  const inPath = secretPaths.length
    ? new RegExp(`(https?://[^\\s"'<>]*?(?:${secretPaths.map(escapeRegExp).join('|')}))[^\\s/?#&"'<>]+`, 'gi')
    : null;
  return (text: string) => {
    const masked = text.replace(TOKEN_PARAM, `$1${MASK}`);
    return inPath ? masked.replace(inPath, `$1${MASK}`) : masked;
  };
}
export const maskLinks = linkMasker();

export function toOutboxDto(row: repo.TOutboxRow, mask = maskLinks): TOutboxEmail {
  const status = row.status as TOutboxStatus;
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: mask(row.text),
    html: row.html === null ? null : mask(row.html),
    template: row.template,
    attachments: (row.attachments ?? []).map((a) => a.filename),
    status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
    nextAttemptAt: status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  };
}

export function toJobDto(j: repo.TJobRow): TJob {
  return {
    id: j.id,
    name: j.name,
    status: j.status as TJob['status'],
    attempts: j.attempts,
    progress: j.progress,
    result: j.result,
    lastError: j.lastError,
    runAt: j.runAt.toISOString(),
    createdAt: j.createdAt.toISOString(),
    finishedAt: iso(j.finishedAt),
    emailId: j.emailId,
  };
}

const HEALTH_TIMEOUT_MS = 3000;

export function createSystemService(deps: {
  db: Db;
  database: Database;
  clock: Clock;
  mailer: Mailer;
  /** The modules' customer links whose path carries a credential (ModuleContext.secretLinkPaths). */
  secretLinkPaths?: readonly string[];
}) {
  const { db } = deps;
  const mask = linkMasker(deps.secretLinkPaths);
  const toDto = (row: repo.TOutboxRow) => toOutboxDto(row, mask);
  return {
    /** Public: whether the database answers (within 3 s) and whether e-mail can be delivered. */
    async health(): Promise<THealth> {
      const ping = await Promise.race([
        deps.database.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref()),
      ]).catch(() => ({ ok: false, version: null }));
      return {
        status: ping.ok ? 'ok' : 'degraded',
        version: VERSION,
        time: deps.clock.now().toISOString(),
        database: { kind: deps.database.kind, ok: ping.ok, version: ping.version },
        mail: { smtpConfigured: deps.mailer.configured },
      };
    },

    async listOutbox(actor: Actor, q: TOutboxPageQuery) {
      requirePermission(actor, 'outbox:read');
      const { rows, total } = await repo.listOutbox(db, actor.orgId, q);
      return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
    },

    async getOutboxEmail(actor: Actor, id: string): Promise<TOutboxEmail> {
      requirePermission(actor, 'outbox:read');
      const row = await repo.findOutboxEmail(db, actor.orgId, id);
      if (!row) throw notFound('E-mail');
      return toDto(row);
    },

    /** Every e-mail matching the list, in its order; e-mails queued after the export began are left out. */
    async *exportOutbox(actor: Actor, q: TOutboxQuery): AsyncGenerator<TOutboxEmail[]> {
      requirePermission(actor, 'outbox:read');
      requirePermission(actor, 'export:run');
      const until = await repo.lastOutboxCreatedAt(db, actor.orgId, q);
      if (!until) return;
      for await (const rows of inBatches((limit, offset) => repo.outboxPage(db, actor.orgId, q, until, limit, offset)))
        yield rows.map(toDto);
    },

    async listJobs(actor: Actor, q: TJobsPageQuery) {
      requirePermission(actor, 'job:read');
      const { rows, total } = await repo.listJobs(db, actor.orgId, q);
      return { items: rows.map(toJobDto), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every job matching the list, in its order; jobs queued after the export began are left out. */
    async *exportJobs(actor: Actor, q: TJobsQuery): AsyncGenerator<TJob[]> {
      requirePermission(actor, 'job:read');
      requirePermission(actor, 'export:run');
      const until = await repo.lastJobCreatedAt(db, actor.orgId, q);
      if (!until) return;
      for await (const rows of inBatches((limit, offset) => repo.jobsPage(db, actor.orgId, q, until, limit, offset)))
        yield rows.map(toJobDto);
    },
  };
}

export type SystemService = ReturnType<typeof createSystemService>;
