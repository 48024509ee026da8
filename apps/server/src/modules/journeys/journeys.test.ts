import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, runJobs, signIn, type TestApp } from '../../../test/harness.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { makeJourney } from './journeys.factory.ts';
import { MARK_LATE_JOB } from './journeys.jobs.ts';
import { milestoneDays } from './journeys.plan.ts';
import type { TJourney } from './journeys.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const get = async (h: H, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const accountJourney = async (h: H, accountId: string) =>
  (await get(h, `/api/v1/accounts/${accountId}/journeys`)).current as TJourney | null;

/** The daily job, queued for this organisation, run to the end (as the worker would at 01:27). */
async function runMarkLate(orgId: string) {
  await enqueueJob(t.db, t.clock, MARK_LATE_JOB, { orgId }, { orgId });
  await runJobs(t);
}

describe('journeys: the plan', () => {
  it('dates milestones by week from the start: week 1 is due on its sixth day, weeks 12–52 run 41 weeks', () => {
    expect(milestoneDays('2026-11-16', { week: 1, durationWeeks: 1 })).toEqual({ startsOn: '2026-11-16', dueOn: '2026-11-22' });
    expect(milestoneDays('2026-11-16', { week: 52, durationWeeks: 41 })).toEqual({ startsOn: '2027-02-01', dueOn: '2027-11-14' });
  });
});

describe('journeys: started by subscriptions, late on the right day', () => {
  it('a new subscription starts the default Customer365 journey; its milestones go late the day after their due day, announced once', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Onboarding BV' });
    await makeSubscription(t.app, h, account.id, { termStart: '2026-11-16' });
    await runJobs(t);

    const journey = await accountJourney(h, account.id);
    expect(journey).toMatchObject({
      name: 'Customer365',
      cause: 'subscription_start',
      startedOn: '2026-11-16',
      status: 'active',
      templateVersion: 1,
    });
    expect(journey?.milestones.map((m) => [m.key, m.dueOn, m.status])).toEqual([
      ['technical_setup', '2026-11-22', 'on_track'],
      ['active', '2026-12-13', 'upcoming'],
      ['initial_value', '2027-01-10', 'upcoming'],
      ['full_speed', '2027-01-24', 'upcoming'],
      ['achievement', '2027-11-14', 'upcoming'],
      ['renewal', '2027-11-14', 'upcoming'],
    ]);
    expect(journey?.milestones[0]?.checklist.map((c) => c.label)).toEqual(['Blog migrated', 'CRM integrated', 'Website code deployed']);
    // A second delivery of the same change starts nothing more.
    const templates = await get(h, '/api/v1/journey-templates');
    expect(templates.items).toMatchObject([{ name: 'Customer365', isDefault: true, milestoneCount: 6, weeks: 52, activeJourneys: 1 }]);

    const publish = vi.spyOn(t.events, 'publish');
    const lateEvents = () => publish.mock.calls.filter((c) => c[1] === org.orgId && c[2] === 'journey.milestone_late');
    try {
      t.clock.set('2026-11-22T02:00:00Z'); // its due day: not late yet
      await runMarkLate(org.orgId);
      expect(lateEvents()).toHaveLength(0);
      expect((await accountJourney((await signIn(t, org.admin.email)).headers, account.id))?.milestones[0]?.status).toBe('on_track');

      t.clock.set('2026-11-23T02:00:00Z'); // the day after: late, announced once however often the job runs
      await runMarkLate(org.orgId);
      await runMarkLate(org.orgId);
      await Promise.all([t.services.journeys.markLate(org.orgId), t.services.journeys.markLate(org.orgId)]);
      expect(lateEvents().map((c) => c[3])).toEqual([
        expect.objectContaining({ accountId: account.id, journeyId: journey?.id, milestoneKey: 'technical_setup', dueOn: '2026-11-22' }),
      ]);
      const later = (await signIn(t, org.admin.email)).headers; // a session ends after a day without use
      const now = await accountJourney(later, account.id);
      expect(now?.milestones.map((m) => m.status)).toEqual(['late', 'on_track', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
      const portfolio = await get(later, '/api/v1/journeys?lateness=late');
      expect(portfolio.items).toMatchObject([
        { accountName: 'Onboarding BV', currentMilestoneKey: 'technical_setup', lateMilestones: 1, daysLate: 1 },
      ]);
    } finally {
      publish.mockRestore();
      t.clock.set('2026-11-21T09:00:00Z');
    }
  });

  it('a renewal replaces the running journey; starts recorded long after their day start none; by hand replaces too', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const old = await makeAccount(t.app, h, { name: 'Old Co' });
    await makeSubscription(t.app, h, old.id, { termStart: '2024-01-01' });
    await runJobs(t);
    expect(await accountJourney(h, old.id)).toBeNull();

    const account = await makeAccount(t.app, h, { name: 'Renewing Co' });
    const sub = await makeSubscription(t.app, h, account.id, {
      termStart: '2025-11-20',
      intervalMonths: 12,
      autoRenew: false,
      termEnd: '2026-11-19',
    });
    await runJobs(t);
    // Recorded a year after its day (a back-filled subscription): history, no journey; one is started by hand.
    expect(await accountJourney(h, account.id)).toBeNull();
    const first = await makeJourney(t.app, h, account.id, { startedOn: '2025-11-20' });

    const renew = await t.app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${sub.id}/changes`,
      headers: h,
      payload: { op: 'renew', effectiveDate: '2026-11-20', termEnd: '2027-11-19' },
    });
    expect(renew.statusCode, renew.body).toBeLessThan(300);
    await runJobs(t);
    const second = await get(h, `/api/v1/accounts/${account.id}/journeys`);
    expect(second.current).toMatchObject({ cause: 'renewal', startedOn: '2026-11-20', status: 'active' });
    expect(second.past).toMatchObject([{ id: first?.id, status: 'replaced' }]);

    const byHand = await makeJourney(t.app, h, account.id, { startedOn: '2026-11-21' });
    expect(byHand).toMatchObject({ cause: 'manual', status: 'active' });
    expect((await get(h, `/api/v1/accounts/${account.id}/journeys`)).past.map((p: { status: string }) => p.status)).toEqual([
      'replaced',
      'replaced',
    ]);
  });

  it('an account created starts the templates that ask for it', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journey-templates',
      headers: h,
      payload: {
        name: 'Trial welcome',
        triggers: ['account_created'],
        milestones: [{ name: 'First call', week: 1, checklist: ['Call booked'], effort: 'low' }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const account = await makeAccount(t.app, h, { name: 'Fresh Co' });
    await runJobs(t);
    expect(await accountJourney(h, account.id)).toMatchObject({
      name: 'Trial welcome',
      cause: 'account_created',
      milestones: [{ key: 'm_first_call' }],
    });
  });
});

describe('journeys: templates are versioned', () => {
  it('editing publishes a new version; a running journey keeps its own; the old version stays readable', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h);
    const running = await makeJourney(t.app, h, account.id);
    const [template] = (await get(h, '/api/v1/journey-templates')).items;
    const current = await get(h, `/api/v1/journey-templates/${template.id}`);
    const milestones = current.milestones.map((m: Record<string, unknown>) => ({ ...m }));
    milestones[0].checklist = [...milestones[0].checklist, 'SSO configured'];
    milestones[0].week = 2;
    milestones[0].durationWeeks = 2;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journey-templates/${template.id}`,
      headers: h,
      payload: { name: 'Customer365', description: current.description, triggers: current.triggers, milestones },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, currentVersion: 2, versionCreatedByName: 'Test Admin' });
    expect(put.json().milestones[0].checklist).toContain('SSO configured');

    expect((await get(h, `/api/v1/journeys/${running.id}`)).templateVersion).toBe(1);
    expect((await get(h, `/api/v1/journeys/${running.id}`)).milestones[0].checklist).toHaveLength(3);
    expect((await get(h, `/api/v1/journey-templates/${template.id}?version=1`)).milestones[0].checklist).toHaveLength(3);
    const next = await makeJourney(t.app, h, account.id, { startedOn: '2026-11-16' });
    expect(next).toMatchObject({ templateVersion: 2 });
    expect(next.milestones[0]).toMatchObject({ dueOn: '2026-11-29', checklist: [{}, {}, {}, { label: 'SSO configured' }] });

    const audit = await get(h, `/api/v1/audit-log?entityType=journey_template&entityId=${template.id}`);
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['published']);
  });

  it('an archived template starts no new journey (by hand or by its trigger) while running ones keep going; the default stays', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const post = (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: h, ...(payload ? { payload } : {}) });
    const made = await post('/api/v1/journey-templates', {
      name: 'Trial welcome',
      triggers: ['account_created'],
      milestones: [{ name: 'First call', week: 1, checklist: ['Call booked'], effort: 'low' }],
    });
    const template = made.json();
    const first = await makeAccount(t.app, h, { name: 'Before Co' });
    await runJobs(t);
    const running = await accountJourney(h, first.id);
    expect(running).toMatchObject({ name: 'Trial welcome', status: 'active' });

    const archived = await post(`/api/v1/journey-templates/${template.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archivedAt).toBe('2026-11-21T09:00:00.000Z');
    expect((await get(h, '/api/v1/journey-templates')).items.map((x: { name: string }) => x.name)).toEqual(['Customer365']);
    expect((await get(h, '/api/v1/journey-templates?status=archived')).items.map((x: { name: string }) => x.name)).toEqual([
      'Trial welcome',
    ]);
    // Not by its trigger, not by hand; the journey running it keeps going.
    const second = await makeAccount(t.app, h, { name: 'After Co' });
    await runJobs(t);
    expect((await accountJourney(h, second.id))?.name ?? null).not.toBe('Trial welcome');
    const byHand = await post(`/api/v1/accounts/${second.id}/journeys`, { templateId: template.id });
    expect([byHand.statusCode, byHand.body]).toEqual([400, expect.stringContaining('templateId')]);
    expect(await accountJourney(h, first.id)).toMatchObject({ id: running?.id, name: 'Trial welcome', status: 'active' });
    // A playbook naming it starts none (and does not fail its batch).
    const cause = { accountId: second.id, cause: 'playbook' as const, causeKey: 'playbook:test', templateId: template.id };
    expect(await t.db.transaction((tx) => t.services.journeys.startForCause(tx, org.orgId, cause))).toBeNull();

    // The default cannot be archived; restoring takes the template back in use.
    const [fallback] = (await get(h, '/api/v1/journey-templates')).items;
    const refused = await post(`/api/v1/journey-templates/${fallback.id}/archive`);
    expect([refused.statusCode, refused.body]).toEqual([400, expect.stringContaining('isDefault')]);
    expect((await post(`/api/v1/journey-templates/${template.id}/restore`)).json().archivedAt).toBeNull();
    expect((await post(`/api/v1/accounts/${second.id}/journeys`, { templateId: template.id })).statusCode).toBe(201);
    const audit = await get(h, `/api/v1/audit-log?entityType=journey_template&entityId=${template.id}`);
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['archived', 'created', 'restored']);
  });

  it('refuses bad templates with the field named: a week out of range, a duration past its week, keys twice, a name taken', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/journey-templates', headers: h, payload });
    const base = { name: 'Onboarding', triggers: [], milestones: [{ name: 'Kick-off', week: 1, checklist: [], effort: 'low' }] };
    const fieldOf = async (payload: object, status = 400) => {
      const res = await post(payload);
      expect(res.statusCode, res.body).toBe(status);
      return res.json().details.map((d: { field: string }) => d.field);
    };
    expect(await fieldOf({ ...base, milestones: [{ ...base.milestones[0], week: 0 }] })).toContain('milestones.0.week');
    expect(await fieldOf({ ...base, milestones: [{ ...base.milestones[0], week: 2, durationWeeks: 3 }] })).toEqual([
      'milestones.0.durationWeeks',
    ]);
    expect(await fieldOf({ ...base, milestones: [{ ...base.milestones[0], effort: 'huge' }] })).toContain('milestones.0.effort');
    const twice = [base.milestones[0], { ...base.milestones[0], week: 3 }];
    expect(await fieldOf({ ...base, milestones: twice })).toEqual(['milestones.1.key']);
    expect(await fieldOf({ ...base, milestones: [] })).toContain('milestones');
    expect(await fieldOf({ ...base, colour: 'red' })).toContain('colour');
    expect((await post(base)).statusCode).toBe(201);
    expect(await fieldOf({ ...base, name: 'ONBOARDING' }, 409)).toEqual(['name']);
  });
});

describe('journeys: the templates list', () => {
  it('makes the default journey in the organisation’s language: Dutch and Danish milestones, checklists and criteria', async () => {
    for (const [lang, first, outcome, criteria] of [
      ['nl', 'Technische inrichting', 'CRM gekoppeld', 'Het product is gekoppeld aan de website en het CRM van de klant.'],
      ['da', 'Teknisk opsætning', 'CRM integreret', 'Produktet er koblet på kundens website og CRM.'],
    ] as const) {
      const org = await createTestOrg(t, 'Language Org', { defaultLanguage: lang });
      const [listed] = (await get(org.admin.headers, '/api/v1/journey-templates')).items;
      const template = await get(org.admin.headers, `/api/v1/journey-templates/${listed.id}`);
      expect(template).toMatchObject({ name: 'Customer365', isDefault: true });
      expect(template.milestones[0]).toMatchObject({ key: 'technical_setup', name: first, successCriteria: criteria });
      expect(template.milestones[0].checklist).toContain(outcome);
      // The keys stay the same in every language (playbooks and filters name milestones by key).
      expect(template.milestones.map((m: { key: string }) => m.key)).toEqual([
        'technical_setup',
        'active',
        'initial_value',
        'full_speed',
        'achievement',
        'renewal',
      ]);
    }
  });

  it('filters, sorts, pages and exports the same rows as CSV', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const make = (name: string, weeks: number[], triggers: string[] = []) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/journey-templates',
        headers: h,
        payload: {
          name,
          description: `${name} for pilots`,
          triggers,
          milestones: weeks.map((week, i) => ({ name: `Step ${i + 1}`, week, checklist: [], effort: 'low' })),
        },
      });
    expect((await make('Alpha pilot', [1, 2, 3])).statusCode).toBe(201);
    expect((await make('Beta pilot', [6], ['account_created'])).statusCode).toBe(201);
    const names = async (query: string) => (await get(h, `/api/v1/journey-templates?${query}`)).items.map((x: { name: string }) => x.name);

    expect(await names('sort=name')).toEqual(['Alpha pilot', 'Beta pilot', 'Customer365']);
    expect(await names('sort=weeks&order=desc')).toEqual(['Customer365', 'Beta pilot', 'Alpha pilot']);
    expect(await names('sort=milestones&order=asc')).toEqual(['Beta pilot', 'Alpha pilot', 'Customer365']);
    expect(await names('q=pilots&trigger=account_created')).toEqual(['Beta pilot']);
    const page = await get(h, '/api/v1/journey-templates?sort=name&pageSize=2&page=2');
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ name: 'Customer365', milestoneCount: 6, weeks: 52 }] });
    for (const bad of ['sort=colour', 'trigger=tomorrow', 'pageSize=0', 'status=gone']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/journey-templates?${bad}`, headers: h });
      expect([res.statusCode, res.body]).toEqual([400, expect.stringContaining(bad.split('=')[0] as string)]);
    }

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/journey-templates/export.csv?q=pilot&sort=name&order=desc', headers: h });
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = csvRows(csv.body);
    expect(rows[0]?.slice(0, 7)).toEqual(['id', 'name', 'default', 'version', 'milestones', 'weeks', 'triggers']);
    expect(rows.slice(1).map((r) => [r[1], r[4], r[5], r[6]])).toEqual([
      ['Beta pilot', '1', '6', 'account_created'],
      ['Alpha pilot', '3', '3', ''],
    ]);
  });
});
