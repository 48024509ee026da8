import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, runJobs, type TestApp } from '../../../test/harness.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { emailOutbox } from '../../platform/mail/outbox.table.ts';
import { accounts, makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeCustomField } from '../custom-fields/index.ts';
import { makeSupportRequest } from '../support/index.ts';
import { tasks } from '../tasks/index.ts';
import { makePlaybook } from './playbooks.factory.ts';
import { SIGNATURE_HEADER, signBody, WEBHOOK_JOB } from './playbooks.jobs.ts';
import type { TPlaybook } from './playbooks.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  // The webhook test's receiver listens on this machine, which webhooks may reach only when the operator allows it.
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z', env: { OUTBOUND_ALLOW_PRIVATE: 'true' } });
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const req = async (h: H, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: h, ...(payload === undefined ? {} : { payload: payload as object }) });
const tasksOf = async (orgId: string) =>
  t.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.source, 'playbook')));

/** A churn signal as the product raises it (health turned red, a downgrade …), its event delivered. */
async function raise(orgId: string, accountId: string, kind: 'health_red' | 'downgrade' | 'champion_left', ref: string) {
  await t.db.transaction((tx) => t.services.churnSignals.raise(tx, orgId, { accountId, kind, occurredAt: t.clock.now(), sourceRef: ref }));
  await runJobs(t);
}

describe('playbooks: the list and the editor', () => {
  it('preloads five playbooks; admins and VPs change them; a CSM reads them but gets 403 on a change; CSV', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const list = (await req(h, 'GET', '/api/v1/playbooks?sort=name')).json();
    expect(list.items.map((p: TPlaybook) => p.preset)).toEqual(['low_activity', 'onboarding', 'poor_health', 'renewal_90', 'win_back']);
    // The signing secret: never in the list, on the playbook's own page for those who may change it.
    expect(list.items[0].webhookSecret).toBeUndefined();
    expect((await req(h, 'GET', `/api/v1/playbooks/${list.items[0].id}`)).json().webhookSecret).toMatch(/^[\w-]{32}$/);

    const csm = await org.as('csm');
    const seen = (await req(csm.headers, 'GET', '/api/v1/playbooks')).json();
    expect(seen.total).toBe(5);
    expect(seen.items[0].webhookSecret).toBeUndefined();
    expect((await req(csm.headers, 'GET', `/api/v1/playbooks/${list.items[0].id}`)).json().webhookSecret).toBeUndefined();
    expect((await req(csm.headers, 'PATCH', `/api/v1/playbooks/${list.items[0].id}`, { enabled: false })).statusCode).toBe(403);

    const vp = await org.as('vp_cs');
    const made = await makePlaybook(t.app, vp.headers, { name: 'Renewal at 30 days', trigger: 'renewal_days_out' });
    expect(made.triggerParams).toEqual({ days: 90 });
    const changed = (
      await req(vp.headers, 'PATCH', `/api/v1/playbooks/${made.id}`, { triggerParams: { days: 30 }, enabled: false })
    ).json();
    expect(changed).toMatchObject({ triggerParams: { days: 30 }, enabled: false, name: 'Renewal at 30 days' });
    // A change of the name alone keeps the rest.
    const renamed = (await req(vp.headers, 'PATCH', `/api/v1/playbooks/${made.id}`, { name: 'Renewal at 30 days' })).json();
    expect(renamed).toMatchObject({ triggerParams: { days: 30 }, enabled: false, actions: made.actions });

    const csv = await req(h, 'GET', '/api/v1/playbooks/export.csv?trigger=renewal_days_out&sort=name');
    expect(csvRows(csv.body).map((r) => r[1])).toEqual(['name', 'Renewal at 30 days', 'Renewal at 90 days']);
    expect((await req(h, 'DELETE', `/api/v1/playbooks/${made.id}`)).statusCode).toBe(204);
    expect((await req(h, 'GET', `/api/v1/playbooks/${made.id}`)).statusCode).toBe(404);
  });

  it('answers 400 naming the field: a value a field does not take, an unknown custom field, a condition without a value', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const base = { name: 'Bad', trigger: 'health_red' };
    const cases: [unknown, string][] = [
      [{ ...base, actions: [{ type: 'set_field', field: 'segment', value: 'huge' }] }, 'actions.0.value'],
      [{ ...base, actions: [{ type: 'set_field', field: 'custom:nope', value: 'x' }] }, 'actions.0.field'],
      [{ ...base, conditions: [{ field: 'segment', op: 'eq' }], actions: [{ type: 'journey' }] }, 'conditions.0.value'],
      [{ ...base, actions: [] }, 'actions'],
      [{ ...base, trigger: 'tomorrow', actions: [{ type: 'journey' }] }, 'trigger'],
    ];
    for (const [payload, field] of cases) {
      const res = await req(h, 'POST', '/api/v1/playbooks', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('dry-runs: lists the accounts that meet the conditions, by name, and changes nothing', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const field = await makeCustomField(t, org.admin, { key: 'region', label: 'Region' });
    await makeAccount(t.app, h, { name: 'Zeta Enterprise', segment: 'enterprise', custom: { [field.key]: 'north' } });
    await makeAccount(t.app, h, { name: 'Alpha Enterprise', segment: 'enterprise', custom: { [field.key]: 'south' } });
    await makeAccount(t.app, h, { name: 'Small Shop', segment: 'smb', custom: { [field.key]: 'north' } });
    const dry = async (conditions: unknown[]) =>
      (await req(h, 'POST', '/api/v1/playbooks/dry-run', { trigger: 'health_red', conditions })).json();
    expect((await dry([{ field: 'segment', op: 'eq', value: 'enterprise' }])).accounts.map((a: { name: string }) => a.name)).toEqual([
      'Alpha Enterprise',
      'Zeta Enterprise',
    ]);
    const north = await dry([
      { field: `custom:${field.key}`, op: 'eq', value: 'north' },
      { field: 'segment', op: 'neq', value: 'smb' },
    ]);
    expect(north).toEqual({ total: 1, accounts: [expect.objectContaining({ name: 'Zeta Enterprise', ownerName: null })] });
    expect((await dry([{ field: 'arr', op: 'gt', value: 0 }])).total).toBe(0);
    expect(await tasksOf(org.orgId)).toEqual([]);
  });
});

describe('playbooks: triggers and actions', () => {
  it('health turned red: the poor-health playbook gives the owner one task, whatever the number of deliveries; conditions filter', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm');
    const big = await makeAccount(t.app, h, { name: 'Big Red', segment: 'enterprise', ownerUserId: csm.userId });
    const small = await makeAccount(t.app, h, { name: 'Small Red', segment: 'smb', ownerUserId: csm.userId });
    await runJobs(t);
    // Only enterprise accounts get the extra escalation to the VP (a role).
    await org.as('vp_cs', { name: 'Vera VP' });
    await makePlaybook(t.app, h, {
      name: 'Escalate enterprise',
      conditions: [{ field: 'segment', op: 'eq', value: 'enterprise' }],
      actions: [{ type: 'task', title: 'Escalation review', dueInDays: 0, assignee: 'vp_cs', priority: 'high' }],
    });
    await raise(org.orgId, big.id, 'health_red', 'test:big');
    await raise(org.orgId, small.id, 'health_red', 'test:small');
    // The same signal delivered again fires nothing.
    const signals = [{ accountId: big.id, causeKey: 'signal:again' }];
    await t.services.playbooks.evaluate(org.orgId, 'health_red', signals);
    await t.services.playbooks.evaluate(org.orgId, 'health_red', signals);
    const made = (await tasksOf(org.orgId)).filter((x) => !x.title.startsWith('Plan the kick-off'));
    const names = new Map([
      [big.id, 'Big'],
      [small.id, 'Small'],
    ]);
    expect(made.map((x) => `${names.get(x.accountId)}: ${x.title} (${x.dueOn})`).sort()).toEqual([
      'Big: Escalation review (2026-11-21)',
      'Big: Escalation review (2026-11-21)',
      'Big: Health turned red: make a recovery plan (2026-11-23)',
      'Big: Health turned red: make a recovery plan (2026-11-23)',
      'Small: Health turned red: make a recovery plan (2026-11-23)',
    ]);
    const list = (await req(h, 'GET', '/api/v1/playbooks?q=Poor')).json();
    const runs = (await req(h, 'GET', `/api/v1/playbooks/${list.items[0].id}/runs`)).json();
    expect(runs.items.map((r: { accountName: string; outcome: object }) => [r.accountName, r.outcome]).sort()).toEqual([
      ['Big Red', { email: 1, task: 1 }],
      ['Big Red', { email: 1, task: 1 }],
      ['Small Red', { email: 1, task: 1 }],
    ]);
    // The run log filters, sorts, pages and exports like the other lists.
    const log = (query: string) => req(h, 'GET', `/api/v1/playbooks/${list.items[0].id}/runs?${query}`);
    expect((await log('q=small')).json().items.map((r: { accountName: string }) => r.accountName)).toEqual(['Small Red']);
    const page = (await log('sort=account&order=desc&pageSize=1&page=1')).json();
    expect([page.total, page.items[0].accountName]).toEqual([3, 'Small Red']);
    expect((await log('sort=account&order=asc&pageSize=1&page=3')).json().items[0].accountName).toBe('Small Red');
    expect((await log('firedFrom=2026-11-21&firedTo=2026-11-21')).json().total).toBe(3);
    expect((await log('firedFrom=2026-11-22')).json().total).toBe(0);
    expect((await log('webhookStatus=delivered')).json().total).toBe(0);
    const bad = await log('webhookStatus=sent');
    expect([bad.statusCode, bad.body]).toEqual([400, expect.stringContaining('webhookStatus')]);
    const csv = await req(h, 'GET', `/api/v1/playbooks/${list.items[0].id}/runs/export.csv?sort=account&order=asc`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csvRows(csv.body);
    expect(rows[0]).toEqual(['id', 'fired_at', 'account_id', 'account', 'trigger', 'cause', 'outcome', 'webhook_status']);
    expect(rows.slice(1).map((r) => [r[3], r[4], r[6]])).toEqual([
      ['Big Red', 'health_red', 'email:1 task:1'],
      ['Big Red', 'health_red', 'email:1 task:1'],
      ['Small Red', 'health_red', 'email:1 task:1'],
    ]);
  });

  it('e-mails the contacts or only the champions, each in their language, the placeholders filled once', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acc = await makeAccount(t.app, h, { name: '{name} & {link} Trading', segment: 'smb' });
    await makeContact(t.app, h, acc.id, { firstName: 'Anke', email: 'anke@example.test', language: 'nl', roles: ['champion'] });
    await makeContact(t.app, h, acc.id, { firstName: 'Bo', email: 'bo@example.test', language: 'da' });
    await makeContact(t.app, h, acc.id, { firstName: 'No Address' });
    const email = (to: 'contacts' | 'champions') => ({
      type: 'email' as const,
      to,
      subject: { en: `${to}: {account}`, nl: `${to} (nl): {account}` },
      body: { en: 'Hello {name}, about {account}.', nl: 'Hallo {name}, over {account}.' },
    });
    await makePlaybook(t.app, h, {
      name: 'Tell them',
      conditions: [{ field: 'segment', op: 'eq', value: 'smb' }],
      actions: [email('contacts'), email('champions')],
    });
    await t.services.playbooks.evaluate(org.orgId, 'health_red', [{ accountId: acc.id, causeKey: 'signal:mail' }]);
    await t.services.playbooks.evaluate(org.orgId, 'health_red', [{ accountId: acc.id, causeKey: 'signal:mail' }]);
    const mails = await t.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.orgId, org.orgId), eq(emailOutbox.template, 'playbook')));
    expect(mails.map((m) => `${m.to} | ${m.subject} | ${m.text}`).sort()).toEqual([
      'anke@example.test | champions (nl): {name} & {link} Trading | Hallo Anke, over {name} & {link} Trading.',
      'anke@example.test | contacts (nl): {name} & {link} Trading | Hallo Anke, over {name} & {link} Trading.',
      'bo@example.test | contacts: {name} & {link} Trading | Hello Bo, about {name} & {link} Trading.',
    ]);
    const pb = (await req(h, 'GET', '/api/v1/playbooks?q=Tell')).json().items[0];
    const runs = (await req(h, 'GET', `/api/v1/playbooks/${pb.id}/runs`)).json();
    expect(runs.items.map((r: { outcome: object }) => r.outcome)).toEqual([{ email: 3 }]);
  });

  it('sets a field and calls a webhook per run, signed with the playbook secret, queued once per cause, retried until 2xx', async () => {
    const bodies: { body: string; signature: string; run: string }[] = [];
    let refuse = 1;
    const server = createServer((r: IncomingMessage, res) => {
      let body = '';
      r.on('data', (c) => {
        body += c;
      });
      r.on('end', () => {
        if (refuse-- > 0) return res.writeHead(500).end();
        bodies.push({ body, signature: String(r.headers[SIGNATURE_HEADER]), run: String(r.headers['x-customer365-run']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const org = await createTestOrg(t);
      const h = org.admin.headers;
      const acc = await makeAccount(t.app, h, { name: 'Leaving Soon', segment: 'smb' });
      const other = await makeAccount(t.app, h, { name: 'Cancelling Co', segment: 'smb' });
      const pb = await makePlaybook(t.app, h, {
        name: 'Tell the CRM',
        trigger: 'downgrade_or_cancel',
        actions: [
          { type: 'set_field', field: 'lifecycleStage', value: 'at_risk' },
          { type: 'set_field', field: 'tag', value: 'win-back' },
          { type: 'webhook', url },
        ],
      });
      await raise(org.orgId, acc.id, 'downgrade', 'test:downgrade');
      // A batch of two more causes, delivered twice: its two calls are queued once, by one statement (the preloaded
      // win-back playbook fires on the same trigger: two runs each the first time, none the second).
      const batch = [
        { accountId: acc.id, causeKey: 'cancel:1' },
        { accountId: other.id, causeKey: 'cancel:2' },
      ];
      expect(await t.services.playbooks.evaluate(org.orgId, 'downgrade_or_cancel', batch)).toMatchObject({ fired: 4 });
      expect(await t.services.playbooks.evaluate(org.orgId, 'downgrade_or_cancel', batch)).toMatchObject({ fired: 0 });
      const queued = await t.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.orgId, org.orgId), eq(jobs.name, WEBHOOK_JOB)));
      expect(queued.map((j) => j.maxAttempts)).toEqual([8, 8, 8]);
      // The first call failed: its job waits for its retry.
      for (let i = 0; i < 5 && bodies.length < 3; i++) {
        t.clock.advance(10 * 60_000);
        await runJobs(t);
      }
      expect(bodies).toHaveLength(3);
      for (const call of bodies) expect(call.signature).toBe(signBody(pb.webhookSecret as string, call.body));
      const sent = bodies.map((b) => JSON.parse(b.body));
      expect(sent.map((b) => `${b.account.name} ${b.cause}`).sort()).toEqual([
        'Cancelling Co cancel:2',
        'Leaving Soon cancel:1',
        expect.stringMatching(/^Leaving Soon /),
      ]);
      expect(sent[0]).toMatchObject({ playbookId: pb.id, playbook: 'Tell the CRM', trigger: 'downgrade_or_cancel' });
      expect(new Set(bodies.map((b) => b.run)).size).toBe(3);
      expect(bodies.map((b) => b.run).sort()).toEqual(sent.map((b) => b.runId).sort());
      const [row] = await t.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.orgId, org.orgId), eq(accounts.id, acc.id)));
      expect(row).toMatchObject({ lifecycleStage: 'at_risk', tags: ['win-back'] });
      const runs = (await req(h, 'GET', `/api/v1/playbooks/${pb.id}/runs`)).json();
      expect(runs.total).toBe(3);
      expect(runs.items.map((r: { webhookStatus: string }) => r.webhookStatus)).toEqual(['delivered', 'delivered', 'delivered']);
      expect(runs.items[0]).toMatchObject({ outcome: { field: 2, webhook: 1 } });
    } finally {
      server.close();
    }
  });

  it('support requests above N: fires once, when the account passes N open requests', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acc = await makeAccount(t.app, h, { name: 'Many Questions', ownerUserId: org.admin.userId });
    await makePlaybook(t.app, h, {
      name: 'Too many tickets',
      trigger: 'support_requests_above',
      triggerParams: { threshold: 2 },
      actions: [{ type: 'task', title: 'Look at the support load', dueInDays: 1, assignee: 'owner' }],
    });
    for (let i = 0; i < 5; i++) await makeSupportRequest(t.app, h, acc.id, { subject: `Question ${i}` });
    await runJobs(t);
    expect((await tasksOf(org.orgId)).filter((x) => x.title === 'Look at the support load')).toHaveLength(1);
  });
});
