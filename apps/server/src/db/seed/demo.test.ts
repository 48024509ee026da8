import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { DEMO_PASSWORD, seedDemo, seedDemoIfEmpty } from './demo.ts';
import { DEMO_IMPORT_FILE, DEMO_INVITEE } from './demo-activity.ts';

// The demo organisation is what a newcomer sees first: every page should have something in it.
let scratch: ScratchDatabase;
let t: TestApp;
let admin: Record<string, string>;
// Early in the morning: before the working hours the demo stamps today's activity with.
const NOW = '2026-11-21T06:30:00Z';

beforeAll(async () => {
  // Demo users have fixed e-mail addresses, unique in an installation: a database of its own.
  scratch = await createScratchDatabase();
  t = await buildTestApp({ database: scratch.database, now: NOW });
  await seedDemo(scratch.database, t.clock, 'http://localhost:3650');
  admin = (await signIn(t, 'admin@demo.customer365.test', DEMO_PASSWORD)).headers;
}, 120_000);
afterAll(async () => {
  await t.close();
  await scratch.close();
});

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: admin });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};

describe('demo organisation', () => {
  it('has the customers as they stood before the month: in two markets, owned, with custom fields, contacts and conversations', async () => {
    const markets = await get('/api/v1/markets');
    const managers = (markets.items ?? markets).map(
      (m: { code: string; countryManagerName: string }) => `${m.code}:${m.countryManagerName}`,
    );
    expect(managers.sort()).toEqual(['DK:Dorthe Lund', 'NL:Niels van Dijk']);
    const fields = await get('/api/v1/custom-fields');
    expect((fields.items ?? fields).map((f: { entity: string; key: string }) => `${f.entity}.${f.key}`).sort()).toEqual([
      'account.contract_end',
      'account.last_nps',
      'account.legacy_platform',
      'account.upgrade_track',
      'contact.linkedin',
    ]);
    const accounts = await get('/api/v1/accounts?status=all&pageSize=200');
    const imported = ['Waddenzee Veerdiensten', 'Ribe Keramik', 'Utrecht Fietsfabriek'];
    type TRow = { id: string; name: string; marketCode: string; ownerName: string; custom: Record<string, unknown> };
    const customers: TRow[] = accounts.items.filter((a: TRow) => !imported.includes(a.name));
    expect(customers).toHaveLength(80);
    for (const a of customers) {
      expect(['NL', 'DK'], a.name).toContain(a.marketCode);
      expect(Object.keys(a.custom).sort(), a.name).toEqual(['contract_end', 'last_nps', 'legacy_platform', 'upgrade_track']);
    }
    expect(new Set(customers.map((a) => a.ownerName))).toEqual(new Set(['Casey de Wit', 'Victoria Peters', 'Sam Engineer', 'Mikkel Holm']));
    // Drawn from one seeded sequence: the same number on every machine. 235 made with the customers and the
    // champion added in the month, less the two of the account lost in the month (archived, so not listed).
    expect((await get('/api/v1/contacts?pageSize=1')).total).toBe(234);
    const first = customers.find((a) => a.name === 'Aalborg Cement Service') as TRow;
    const timeline = await get(`/api/v1/accounts/${first.id}/timeline?pageSize=100`);
    const talks = timeline.items.filter((e: { kind: string }) =>
      ['call', 'email', 'meeting', 'note', 'support_request', 'chat'].includes(e.kind),
    );
    expect(talks.length).toBeGreaterThanOrEqual(2);
    // Made once: a second start finds the organisation and leaves it alone.
    expect(await seedDemoIfEmpty(scratch.database, t.clock, 'http://localhost:3650')).toBeNull();
  });

  it('has an import of the CRM export that updated accounts, created three and skipped the two rows with errors', async () => {
    const list = await get('/api/v1/imports');
    expect(list.items).toHaveLength(1);
    const [imp] = list.items;
    expect(imp).toMatchObject({ fileName: DEMO_IMPORT_FILE, status: 'completed', mode: 'skip_invalid' });
    const full = await get(`/api/v1/imports/${imp.id}`);
    expect(full).toMatchObject({ totalRows: 13, insertedRows: 3, updatedRows: 8, skippedRows: 2 });
    const errors = await get(`/api/v1/imports/${imp.id}/errors`);
    expect(errors.items.map((e: { rowNumber: number; field: string }) => [e.rowNumber, e.field])).toEqual([
      [13, 'domain'],
      [14, 'segment'],
    ]);
    const created = await get('/api/v1/accounts?q=Ribe%20Keramik');
    expect(created.items).toMatchObject([{ name: 'Ribe Keramik', marketCode: 'DK', externalId: 'HS-104215' }]);
    const jobs = await get('/api/v1/jobs?status=done');
    expect(jobs.items.map((j: { name: string }) => j.name).sort()).toEqual(['imports.run', 'imports.validate']);
  });

  it('has a month of changes in the audit log, all in the past, by several people', async () => {
    // Every page: the revenue history adds hundreds of entries of its own.
    const log: { items: { entityType: string; action: string; at: string; actorLabel: string }[] } = { items: [] };
    for (let page = 1; page <= 50; page++) {
      const got = await get(`/api/v1/audit-log?pageSize=200&page=${page}`);
      log.items.push(...got.items);
      if (log.items.length >= got.total) break;
    }
    const actions = new Set(log.items.map((e: { entityType: string; action: string }) => `${e.entityType}:${e.action}`));
    for (const a of ['account:updated', 'account:archived', 'account:imported', 'contact:created', 'user:created', 'api_token:created'])
      expect(actions, a).toContain(a);
    const times = log.items.map((e: { at: string }) => Date.parse(e.at));
    expect(Math.max(...times)).toBeLessThan(Date.parse(NOW));
    expect(Math.min(...times)).toBeGreaterThan(Date.parse(NOW) - 40 * 24 * 3600_000);
    expect(new Set(log.items.map((e: { actorLabel: string }) => e.actorLabel)).size).toBeGreaterThanOrEqual(3);
  });

  it('shows a lost account archived with its history, an API token, and an invitation waiting in the outbox', async () => {
    const archived = await get('/api/v1/accounts?status=archived');
    expect(archived.items).toMatchObject([{ lifecycleStage: 'churned' }]);
    const history = await get(`/api/v1/audit-log?entityId=${archived.items[0].id}`);
    expect(history.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(['archived', 'updated']);
    const outbox = await get('/api/v1/outbox?pageSize=200');
    const invitations = outbox.items.filter((m: { template: string }) => m.template === 'invitation');
    expect(invitations).toMatchObject([{ to: DEMO_INVITEE.email, template: 'invitation', status: 'pending' }]);
    // The renewal reminders of the demo's daily runs wait there too.
    expect(outbox.items.some((m: { template: string }) => m.template === 'renewal-reminder')).toBe(true);
    // And the customers': reminders to billing and decision-maker contacts, and the confirmations of those renewed.
    expect(outbox.items.some((m: { template: string }) => m.template === 'renewal-customer-reminder')).toBe(true);
    expect(outbox.items.some((m: { template: string }) => m.template === 'renewal-customer-confirmation')).toBe(true);
    const tokens = await get('/api/v1/api-tokens');
    expect(tokens.items ?? tokens).toMatchObject([{ name: 'HubSpot sync' }]);
  });

  it('has quotes (accepted, sent, awaiting approval) and two win-back offers, one sent and one declined', async () => {
    const renewals = (await get('/api/v1/quotes?kind=renewal&pageSize=50')).items as { status: string }[];
    expect(new Set(renewals.map((q) => q.status))).toEqual(new Set(['accepted', 'sent', 'pending_approval']));
    const winbacks = (await get('/api/v1/quotes?kind=winback&pageSize=50')).items as { status: string }[];
    expect(winbacks.map((q) => q.status).sort()).toEqual(['declined', 'sent']);
  });

  it('has renewals in every stage of the pipeline, with their reminders in the owners’ bells', async () => {
    const board = await get('/api/v1/renewal-opportunities/board');
    for (const stage of board.stages) expect(stage.count, stage.stage).toBeGreaterThan(0);
  });

  it('has the catalogue the subscriptions demo uses, a plan comparison, and competitors some accounts use or evaluate', async () => {
    const plans = await get('/api/v1/plans?pageSize=200');
    const byCode = new Map(plans.items.map((p: { code: string }) => [p.code, p]));
    for (const code of ['SELF', 'PRO', 'ENT', 'TRIAL', 'SEATS', 'PS']) expect(byCode.has(code), code).toBe(true);
    expect(byCode.get('TRIAL')).toMatchObject({ isFree: true, trialDays: 14, tier: 0 });
    expect(byCode.get('SEATS')).toMatchObject({ productName: 'Extra users', productKind: 'addon' });
    expect(byCode.get('PS')).toMatchObject({ productName: 'Professional Services', productKind: 'service' });
    const ent = byCode.get('ENT') as { prices: { currency: string; intervalMonths: number }[] };
    expect(ent.prices.map((p) => `${p.currency}/${p.intervalMonths}`).sort()).toEqual([
      'EUR/1',
      'EUR/12',
      'EUR/36',
      'USD/1',
      'USD/12',
      'USD/36',
    ]);
    const comparison = await get('/api/v1/plans/comparison?currency=EUR&interval=12');
    expect(comparison.plans.map((p: { code: string }) => p.code)).toEqual(['TRIAL', 'SELF', 'PRO', 'ENT']);
    expect(comparison.groups.length).toBeGreaterThanOrEqual(3);
    const competitors = await get('/api/v1/competitors');
    expect(competitors.items.length).toBeGreaterThanOrEqual(3);
    expect(competitors.items.reduce((n: number, c: { accountCount: number }) => n + c.accountCount, 0)).toBeGreaterThanOrEqual(3);
    const prices = await get('/api/v1/competitors/comparison?currency=EUR&interval=12');
    expect(prices.rows.map((r: { planCode: string }) => r.planCode)).toEqual(['SELF', 'PRO', 'ENT']);
  });

  it('has three years of subscription history: the same subscriptions, changes and MRR on every machine', async () => {
    type TSub = { status: string; currency: string; mrr: number };
    const subs: TSub[] = (await get('/api/v1/subscriptions?pageSize=200')).items;
    const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]));
    expect(count(subs.map((s) => s.status))).toEqual({ active: 55, cancelling: 9, ended: 6, trial: 9 });
    const mrr = (currency: string) => Math.round(subs.filter((s) => s.currency === currency).reduce((n, s) => n + s.mrr * 100, 0));
    expect([mrr('EUR'), mrr('DKK')]).toEqual([1_348_446, 10_309_122]);
    const changes: { kind: string }[] = (await get('/api/v1/subscription-changes?pageSize=200')).items;
    // The subscriptions demo's 141, and the renewal of an accepted quote.
    expect(count(changes.map((c) => c.kind))).toEqual({
      add_on: 14,
      cancel_request: 16,
      discount_added: 5,
      downgrade: 4,
      price: 3,
      quantity: 12,
      reactivation: 1,
      remove_line: 2,
      renewal: 1,
      start: 79,
      upgrade: 5,
    });
  });

  it('has a year of health history: the portfolio trend against the target, and "health turned red" spread over the months', async () => {
    const p = await get('/api/v1/health/portfolio');
    expect(p.targetPct).toBe(25);
    expect(p.current.scored).toBeGreaterThan(30);
    expect(p.trend.filter((x: { scored: number }) => x.scored > 0).length).toBeGreaterThanOrEqual(10);
    expect(p.byOwner.length).toBeGreaterThanOrEqual(3);
    const red = await get('/api/v1/churn-signals?kind=health_red&pageSize=200');
    const months = new Set(red.items.map((s: { occurredAt: string }) => s.occurredAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(3);
    // Not a batch of them dated today (the seed's own scoring of today, after the history, may turn one or two).
    expect(red.items.filter((s: { occurredAt: string }) => s.occurredAt.slice(0, 10) === NOW.slice(0, 10)).length).toBeLessThanOrEqual(2);
  });

  it('fills the support inbox: requests in every state with conversations, some past the SLA, one unmatched, one logged by hand', async () => {
    const advocate = (await signIn(t, 'advocate@demo.customer365.test', DEMO_PASSWORD)).headers;
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/support/requests?pageSize=100', headers: advocate })).json().items as {
      id: string;
      status: string;
      channel: string;
      accountName: string | null;
      messageCount: number;
      sla: { breached: boolean };
    }[];
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(['new', 'open', 'waiting', 'solved', 'closed']));
    expect(all.filter((r) => r.accountName === null)).toHaveLength(1);
    expect(all.filter((r) => r.channel === 'manual')).toHaveLength(1);
    expect(all.filter((r) => r.messageCount >= 3).length).toBeGreaterThanOrEqual(2);
    expect(all.some((r) => r.sla.breached)).toBe(true);
    expect(all.some((r) => !r.sla.breached && ['new', 'open', 'waiting'].includes(r.status))).toBe(true);
    const open = all.find((r) => r.status === 'open' && r.channel === 'email');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/support/requests/${open?.id}`, headers: advocate })).json();
    expect(detail.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    expect(detail.contactName).toBeTruthy();
  });

  it('gives the team task inboxes: late, today’s and this week’s tasks, a snoozed one, one done, comments, and a workload', async () => {
    const csm = (await signIn(t, 'csm@demo.customer365.test', DEMO_PASSWORD)).headers;
    const inbox = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/tasks?${query}`, headers: csm })).json().items as {
        title: string;
        accountName: string;
      }[];
    expect((await inbox('due=overdue')).length).toBeGreaterThanOrEqual(2);
    expect((await inbox('due=today')).length).toBeGreaterThanOrEqual(1);
    expect((await inbox('due=this_week')).length).toBeGreaterThanOrEqual(1);
    expect(await inbox('snoozed=only')).toHaveLength(1);
    expect(await inbox('status=done')).toHaveLength(1);
    expect((await inbox('')).every((x) => x.accountName.length > 0)).toBe(true);
    const vp = (await signIn(t, 'vp@demo.customer365.test', DEMO_PASSWORD)).headers;
    const load = (await t.app.inject({ method: 'GET', url: '/api/v1/tasks/workload', headers: vp })).json().items as {
      name: string;
      open: number;
    }[];
    expect(load.filter((p) => p.open > 0).map((p) => p.name)).toEqual(
      expect.arrayContaining(['Casey de Wit', 'Sam Engineer', 'Victoria Peters']),
    );
  });

  it('has a year of product usage: key features per edition, adoption that varies, and usage in the default scorecard', async () => {
    const features = await get('/api/v1/usage/adoption/features');
    const key = features.items.filter((f: { isKey: boolean }) => f.isKey).map((f: { event: string }) => f.event);
    expect(key).toEqual(expect.arrayContaining(['Email campaign sent', 'Workflow activated', 'CRM sync completed']));
    const used = features.items.find((f: { event: string }) => f.event === 'Email campaign sent');
    expect(used.sharePercent).toBeGreaterThan(30);
    expect(used.sharePercent).toBeLessThan(100);
    // Some features are taken up (growing accounts adopt them lately), others given up: the trends point both ways.
    const trends = features.items.map((f: { trendPercent: number | null }) => f.trendPercent ?? 0);
    expect(Math.max(...trends)).toBeGreaterThan(0);
    expect(Math.min(...trends)).toBeLessThan(0);
    const accounts = await get('/api/v1/accounts?pageSize=200');
    const summaries = [];
    // The first forty by name in code-point order (the database's collation orders names differently per installation).
    const byName = [...accounts.items].sort((a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const a of byName.slice(0, 40)) summaries.push((await get(`/api/v1/accounts/${a.id}/adoption`)).summary);
    // The same on every machine: drawn from a seed of the usage demo's own.
    const events = summaries.reduce((n: number, s: { events30d: number }) => n + s.events30d, 0);
    expect(events).toMatchInlineSnapshot(`7993`);
    expect(summaries.filter((s) => !s.hasUsage).length).toBeGreaterThan(0);
    expect(summaries.filter((s) => s.flags.length === 0).length).toBeGreaterThan(10);
    expect(summaries.filter((s) => s.flags.includes('low_activity')).length).toBeGreaterThan(0);
    const [card] = (await get('/api/v1/health/scorecards')).items;
    expect(card.measures.map((m: { source: string }) => m.source)).toContain('usage.trend_percent');
    const health = await get(`/api/v1/accounts/${accounts.items[0].id}/health`);
    expect(health.measures.map((m: { source: string }) => m.source)).toContain('usage.feature_breadth');
  });

  it('stamps nothing in the future, even when seeded before the working day starts', async () => {
    const audit = await get('/api/v1/audit-log?pageSize=1');
    expect(Date.parse(audit.items[0].at)).toBeLessThanOrEqual(Date.parse(NOW));
    const jobs = await get('/api/v1/jobs?pageSize=1&sort=createdAt&order=desc');
    expect(Date.parse(jobs.items[0].createdAt)).toBeLessThanOrEqual(Date.parse(NOW));
  });

  it('runs the default Customer365 journey on a dozen accounts in every state, with challenges and issues logged', async () => {
    const running = await get('/api/v1/journeys?pageSize=50');
    const completed = await get('/api/v1/journeys?status=completed');
    const replaced = await get('/api/v1/journeys?status=replaced');
    const stopped = await get('/api/v1/journeys?status=stopped');
    expect(running.total).toBe(11);
    expect(completed.total).toBe(1);
    expect(replaced.total).toBe(1);
    expect(stopped.total).toBe(1);
    expect(running.summary.late).toBeGreaterThanOrEqual(3);
    expect(running.summary.onTrack).toBeGreaterThanOrEqual(3);
    type TRow = { currentMilestoneKey: string; openChallenges: number; openIssues: number; checklistDone: number };
    const rows: TRow[] = running.items;
    expect(new Set(rows.map((r) => r.currentMilestoneKey)).size).toBeGreaterThanOrEqual(5);
    expect(rows.some((r) => r.openChallenges > 0)).toBe(true);
    expect(rows.some((r) => r.openIssues > 0)).toBe(true);
    expect(rows.some((r) => r.checklistDone > 0)).toBe(true);
  });

  it('has the five preloaded playbooks, with run logs of onboarding, renewal at 90 days and low activity', async () => {
    const list = await get('/api/v1/playbooks?sort=name&pageSize=10');
    const runs = Object.fromEntries(
      list.items.filter((p: { preset: string | null }) => p.preset).map((p: { preset: string; runs: number }) => [p.preset, p.runs]),
    );
    expect(Object.keys(runs).sort()).toEqual(['low_activity', 'onboarding', 'poor_health', 'renewal_90', 'win_back']);
    expect(runs.onboarding).toBe(3);
    expect(runs.renewal_90).toBeGreaterThan(0);
    expect(runs.low_activity).toBeGreaterThan(0);
    const onboarding = list.items.find((p: { preset: string }) => p.preset === 'onboarding');
    const log = await get(`/api/v1/playbooks/${onboarding.id}/runs`);
    expect(log.items[0].outcome).toMatchObject({ task: 1 });
  });

  it('has an NPS survey with 42 answers over nine months, seven detractors with comments, and a detractor follow-up playbook', async () => {
    const surveys = (await get('/api/v1/surveys?sort=name&order=asc')).items;
    expect(surveys.map((s: { name: string; kind: string }) => [s.name, s.kind])).toEqual([
      ['Quarterly NPS', 'nps'],
      ['Support satisfaction', 'csat'],
    ]);
    expect(surveys[0]).toMatchObject({ respondents: 42, promoters: 24, detractors: 7, score: 40.5 });
    const report = await get(`/api/v1/surveys/${surveys[0].id}/report`);
    expect(report.trend.length).toBeGreaterThanOrEqual(8);
    const detractors = await get(`/api/v1/surveys/responses?surveyId=${surveys[0].id}&category=detractor`);
    expect(detractors.items.filter((r: { comment: string | null }) => r.comment).length).toBe(7);
    // Their signals and tasks follow when the worker delivers the answers' events (surveys.test.ts proves the path).
    expect((await get('/api/v1/playbooks?trigger=detractor')).items).toMatchObject([{ name: 'Detractor follow-up', enabled: true }]);
  });

  it('has success plans on six customers: lead and new-sales goals measured monthly, one at risk, one missed, value delivered', async () => {
    const objectives = await get('/api/v1/success-objectives?pageSize=100');
    expect(objectives.total).toBe(13);
    type TObjective = { accountId: string; status: string; percentAchieved: number; metric: string };
    const items: TObjective[] = objectives.items;
    expect(new Set(items.map((o) => o.accountId)).size).toBe(6);
    expect(new Set(items.map((o) => o.status))).toEqual(new Set(['on_track', 'achieved', 'at_risk', 'missed']));
    expect(items.some((o) => o.percentAchieved >= 100)).toBe(true);
    const plan = await get(`/api/v1/accounts/${items[0]?.accountId}/success-plan`);
    expect(plan.objectives[0].progress.length).toBeGreaterThanOrEqual(3);
    expect(plan.valueTotals[0].amount).toBeGreaterThan(0);
  });

  it('has team capacity figures: hours per team against the coming work, and the team cost against 12 % of ACV', async () => {
    const capacity = await get('/api/v1/capacity');
    expect(capacity.weeks).toHaveLength(12);
    expect(capacity.weeks[0].capacity.customer_success).toBeGreaterThan(0);
    expect(capacity.weeks[0].capacity.professional_services).toBeGreaterThan(0);
    expect(capacity.weeks.some((w: { demand: { customer_success: { total: number } } }) => w.demand.customer_success.total > 0)).toBe(true);
    expect(capacity.csSpend).toMatchObject({ percent: 12, actualPerMonth: 3_600 });
    expect(capacity.csSpend.acv).toBeGreaterThan(0);
  });
});
