// The demo organisation's rows as text, normalised so two seeds of the same demo give the same text: every
// table with an org_id (and the organisation's own row), rows as JSON, sorted. Ids are random (UUID v7), so each
// is replaced by a label made from its row's content, refined a few times so a row's label follows the labels of
// the rows it references (Weisfeiler-Lehman); uuids that are no row's id (event ids) become `#uuid`. Random values
// (password and token hashes, tokens, signing keys and the signatures made with them, the usage demo's user keys
// cut from account ids) are replaced by their length or a placeholder.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/platform/db/database.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const SECRET = /(hash|secret|salt|token|prefix|signing_key)$/i;
/** HMAC signatures in links (base64url of 32 bytes), and the usage demo's user keys (`<6 hex of the account id>-user-N`). */
const SIGNATURE = /[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const USER_KEY = /\b[0-9a-f]{6}-user-/g;
/** Signed links to the product (a quote's, an unsubscribe): their tokens hold ids and signatures. */
const LINK = /(https?:\/\/[^/\s"]+\/[a-z]+\/)[A-Za-z0-9_.:-]+/g;

type TRow = Record<string, unknown>;

async function rowsOf(database: Database, query: string): Promise<TRow[]> {
  const r = (await database.db.execute(sql.raw(query))) as unknown as { rows: TRow[] };
  return r.rows;
}

export async function dumpOrganisation(database: Database, orgId: string): Promise<string> {
  const tables = await rowsOf(
    database,
    `select table_name as t, bool_or(column_name = 'id') as has_id from information_schema.columns
      where table_schema = 'public' and column_name in ('org_id', 'id') group by table_name
      having bool_or(column_name = 'org_id') order by table_name`,
  );
  const data = new Map<string, TRow[]>();
  data.set('organisations', await rowsOf(database, `select * from organisations where id = '${orgId}'`));
  for (const { t } of tables) data.set(String(t), await rowsOf(database, `select * from "${t}" where org_id = '${orgId}'`));
  // A password reset's id is the hash of its secret.
  for (const row of data.get('password_resets') ?? []) row.id = `<${String(row.id).length}>`;
  const randoms = new Set<string>();
  for (const rows of data.values())
    for (const row of rows)
      for (const [k, v] of Object.entries(row)) if (SECRET.test(k) && typeof v === 'string' && v.length >= 8) randoms.add(v);
  const hide = (s: string) => {
    let out = s.replace(LINK, '$1<link>').replace(SIGNATURE, '<signature>').replace(USER_KEY, '<account>-user-');
    for (const r of randoms) out = out.replaceAll(r, '<random>');
    return out;
  };
  const text = (v: unknown) => hide(JSON.stringify(v, (k, x) => (SECRET.test(k) && typeof x === 'string' ? `<${x.length}>` : x)));
  const labels = new Map<string, string>([[orgId, 'org']]);
  const relabel = (s: string) => s.replace(UUID, (u) => labels.get(u) ?? '#uuid');
  const render = (row: TRow) => relabel(text({ ...row, id: undefined, org_id: undefined }));
  for (let round = 0; round < 4; round++) {
    const next = new Map<string, string>([[orgId, 'org']]);
    for (const [t, rows] of data)
      for (const row of rows)
        if (typeof row.id === 'string' && row.id !== orgId)
          next.set(row.id, `${t}:${createHash('sha1').update(render(row)).digest('hex').slice(0, 10)}`);
    labels.clear();
    for (const [k, v] of next) labels.set(k, v);
  }
  const out: string[] = [];
  for (const [t, rows] of [...data].sort((a, b) => a[0].localeCompare(b[0]))) {
    const lines = rows.map((row) => relabel(text(row))).sort();
    out.push(`## ${t} (${lines.length})`, ...lines);
  }
  return `${out.join('\n')}\n`;
}
