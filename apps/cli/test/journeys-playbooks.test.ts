import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_KEYS } from '../src/commands/journeys.ts';
import { PLAYBOOK_KEYS } from '../src/commands/playbooks.ts';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

let t: TestApp;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ t, url, close } = await serveTestApp({ now: '2026-11-21T09:00:00Z' }));
});
afterAll(() => close());

async function tokenFor(headers: Record<string, string>, scopes: string[]) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers, payload: { name: 'cli', scopes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

describe('customer365 journeys list and playbooks list / dry-run', () => {
  it('lists the late journeys, the playbooks, and dry-runs one by name or id, as a table or JSON', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const mk = (name: string, segment: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name, segment } }).then((r) => r.json());
    const acme = await mk('Acme Late', 'enterprise');
    await mk('Fjord Fine', 'smb');
    // Two journeys: one started long ago (its first milestones late), one today.
    const started = (accountId: string, startedOn: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/journeys`, headers: h, payload: { startedOn } });
    expect((await started(acme.id, '2026-08-01')).statusCode).toBeLessThan(300);
    const token = await tokenFor(h, ['journey:read', 'playbook:read', 'playbook:write']);
    const cli = (...args: string[]) => runCli([...args, '--url', url, '--token', token]);

    const late = await cli('journeys', 'list', '--status', 'late', '--json');
    expect(late.code, late.stderr).toBe(0);
    const journeys = JSON.parse(late.stdout).journeys;
    expect(journeys.map((j: { accountName: string }) => j.accountName)).toEqual(['Acme Late']);
    expect(Object.keys(journeys[0])).toEqual([...JOURNEY_KEYS]);
    expect(journeys[0].daysLate).toBeGreaterThan(0);
    const table = await cli('journeys', 'list', '--status', 'late');
    expect(table.stdout).toMatch(/^1 journey \(late\)\nAccount +Journey +Milestone/);
    expect(table.stdout).toContain('Acme Late');
    const bad = await cli('journeys', 'list', '--status', 'overdue');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--status')]);

    const list = await cli('playbooks', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const playbooks = JSON.parse(list.stdout).playbooks;
    expect(playbooks.map((p: { name: string }) => p.name)).toEqual([
      'Low activity',
      'Onboarding',
      'Poor health',
      'Renewal at 90 days',
      'Win-back',
    ]);
    expect(Object.keys(playbooks[0])).toEqual([...PLAYBOOK_KEYS]);
    expect((await cli('playbooks', 'list')).stdout).toMatch(/^5 playbooks\nName +Trigger +On +Actions +Runs +Last fired\n/);

    // Poor health has no conditions: every active account; by id the same.
    const dry = await cli('playbooks', 'dry-run', 'poor HEALTH', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect([out.playbook.name, out.total, out.accounts.map((a: { name: string }) => a.name)]).toEqual([
      'Poor health',
      2,
      ['Acme Late', 'Fjord Fine'],
    ]);
    const byId = await cli('playbooks', 'dry-run', out.playbook.id);
    expect(byId.stdout).toMatch(/^Playbook "Poor health" would match 2 accounts now; nothing was changed\.\nAccount +Owner\n/);
    const unknown = await cli('playbooks', 'dry-run', 'Health');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('did you mean "Poor health"')]);

    // A token without the scope: the server's 403, exit 1.
    const readOnly = await tokenFor(h, ['playbook:read']);
    const refused = await runCli(['playbooks', 'dry-run', 'Poor health', '--url', url, '--token', readOnly]);
    expect(refused.code).toBe(1);
  });
});
