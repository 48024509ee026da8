// `customer365 playbooks list` and `customer365 playbooks dry-run`: the organisation's playbooks and the accounts one
// would match now, through the REST API.
import { type ApiOptions, connectApi, expectOk } from '../api.ts';
import { usageError } from '../errors.ts';
import { formatTable, readAllPages } from './list-table.ts';

export interface TPlaybooksListOptions extends ApiOptions {
  json?: boolean;
}

export interface TPlaybookDryRunOptions extends ApiOptions {
  json?: boolean;
}

/** The keys of each playbook, in this order (`--json`). */
export const PLAYBOOK_KEYS = ['id', 'name', 'preset', 'trigger', 'enabled', 'conditions', 'actions', 'runs', 'lastFiredAt'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runPlaybooksList(opts: TPlaybooksListOptions) {
  const api = connectApi(opts);
  const items = await readAllPages(async (page, pageSize) =>
    expectOk(
      'Reading the playbooks',
      await api.client.GET('/api/v1/playbooks', { params: { query: { sort: 'name', order: 'asc', page, pageSize } } }),
    ),
  );
  if (opts.json) {
    const playbooks = items.map((p) => Object.fromEntries(PLAYBOOK_KEYS.map((k) => [k, p[k] ?? null])));
    process.stdout.write(`${JSON.stringify({ playbooks })}\n`);
    return;
  }
  const table = formatTable(
    ['Name', 'Trigger', 'On', 'Actions', 'Runs', 'Last fired'],
    items.map((p) => [
      p.name,
      p.trigger,
      p.enabled ? 'on' : 'off',
      p.actions.map((a) => a.type).join(', '),
      String(p.runs),
      p.lastFiredAt ? p.lastFiredAt.slice(0, 16).replace('T', ' ') : 'never',
    ]),
  );
  process.stdout.write(`${items.length} playbook${items.length === 1 ? '' : 's'}\n${table}\n`);
}

/** A playbook by id, or by its name (case does not matter); an unknown or ambiguous name is an error naming the candidates. */
async function findPlaybook(api: ReturnType<typeof connectApi>, nameOrId: string) {
  if (UUID.test(nameOrId))
    return expectOk(`Reading playbook ${nameOrId}`, await api.client.GET('/api/v1/playbooks/{id}', { params: { path: { id: nameOrId } } }));
  const found = await readAllPages(async (page, pageSize) =>
    expectOk(
      'Reading the playbooks',
      await api.client.GET('/api/v1/playbooks', { params: { query: { q: nameOrId, sort: 'name', order: 'asc', page, pageSize } } }),
    ),
  );
  const exact = found.filter((p) => p.name.toLowerCase() === nameOrId.trim().toLowerCase());
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1)
    throw usageError(`${exact.length} playbooks are named "${nameOrId}": give the id (${exact.map((p) => p.id).join(', ')})`);
  const names = found.map((p) => `"${p.name}"`).join(', ');
  throw usageError(`No playbook is named "${nameOrId}"${names ? `; did you mean ${names}?` : ''} (customer365 playbooks list)`);
}

export async function runPlaybookDryRun(nameOrId: string, opts: TPlaybookDryRunOptions) {
  const api = connectApi(opts);
  const pb = await findPlaybook(api, nameOrId);
  const result = expectOk(
    `Dry-running playbook "${pb.name}"`,
    await api.client.POST('/api/v1/playbooks/dry-run', {
      body: { trigger: pb.trigger, triggerParams: pb.triggerParams, conditions: pb.conditions },
    }),
  );
  if (opts.json) {
    const out = { playbook: { id: pb.id, name: pb.name }, total: result.total, accounts: result.accounts };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const shown = result.accounts.length < result.total ? ` (the first ${result.accounts.length} shown)` : '';
  const head = `Playbook "${pb.name}" would match ${result.total} account${result.total === 1 ? '' : 's'} now${shown}; nothing was changed.`;
  const table = formatTable(
    ['Account', 'Owner'],
    result.accounts.map((a) => [a.name, a.ownerName ?? '—']),
  );
  process.stdout.write(result.accounts.length ? `${head}\n${table}\n` : `${head}\n`);
}
