import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { makeUser } from './identity.factory.ts';
import { IDENTITY_HOUSEKEEPING_JOB, identityJobs } from './identity.jobs.ts';
import { loginAttempts, passwordResets, sessions } from './identity.table.ts';

const HOUR = 3600_000;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('identity housekeeping', () => {
  it('runs nightly and removes old sign-in attempts, ended sessions and long-expired links, keeping the rest', async () => {
    const [job] = identityJobs({ db: t.db, clock: t.clock });
    expect(job?.name).toBe(IDENTITY_HOUSEKEEPING_JOB);
    expect(job?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const org = await createTestOrg(t);
    const user = await makeUser(t.app, org.admin.headers);
    const now = t.clock.now().getTime();
    const at = (ms: number) => new Date(now + ms);
    const attempt = (ms: number) => ({ id: newId(), email: `${newId()}@test.example`, ip: '10.0.0.1', succeeded: false, at: at(ms) });
    const oldAttempt = attempt(-25 * HOUR);
    const recentAttempt = attempt(-HOUR);
    await t.db.insert(loginAttempts).values([oldAttempt, recentAttempt]);
    const session = (id: string, expiresIn: number) => ({
      orgId: org.orgId,
      id,
      userId: user.id,
      csrfToken: 'x',
      createdAt: at(-HOUR),
      lastSeenAt: at(-HOUR),
      expiresAt: at(expiresIn),
    });
    const [ended, live] = [newId(), newId()];
    await t.db.insert(sessions).values([session(ended, -1000), session(live, HOUR)]);
    const reset = (id: string, expiresIn: number) => ({
      orgId: org.orgId,
      id,
      userId: user.id,
      createdAt: at(-30 * HOUR),
      expiresAt: at(expiresIn),
    });
    const [longExpired, justExpired] = [newId(), newId()];
    await t.db.insert(passwordResets).values([reset(longExpired, -25 * HOUR), reset(justExpired, -HOUR)]);

    const result = await job?.handler({}, {} as never);
    expect(result).toMatchObject({ attempts: expect.any(Number), sessions: expect.any(Number), resets: expect.any(Number) });

    const attemptsLeft = await t.db
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(inArray(loginAttempts.id, [oldAttempt.id, recentAttempt.id]));
    expect(attemptsLeft.map((r) => r.id)).toEqual([recentAttempt.id]);
    const sessionsLeft = await t.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.orgId, org.orgId), inArray(sessions.id, [ended, live])));
    expect(sessionsLeft.map((r) => r.id)).toEqual([live]);
    // A link an hour past expiry stays, so a late click still answers "expired" rather than "unknown".
    const resetsLeft = await t.db
      .select({ id: passwordResets.id })
      .from(passwordResets)
      .where(and(eq(passwordResets.orgId, org.orgId), inArray(passwordResets.id, [longExpired, justExpired])));
    expect(resetsLeft.map((r) => r.id)).toEqual([justExpired]);
  });
});
