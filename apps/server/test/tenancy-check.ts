import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { loadModule, parseSync } from 'libpg-query';
import { MODULES } from '../src/modules/index.ts';
import { crossOrganisationReason } from '../src/platform/db/tenancy.ts';

/**
 * The tests' tenancy wall: every statement the app runs through Drizzle is parsed with PostgreSQL's own
 * parser (libpg-query), and each use of a tenant table must be pinned to one organisation — by an
 * `org_id = $n` (or `= any(…)`, `in (…)`) condition on it, or by joining its org_id to a table that is
 * pinned. A repository, job or aggregate that forgets the organisation makes its test fail, naming the
 * table and the statement. Statements inside `acrossOrganisations(reason, …)` are the written exceptions.
 */
await loadModule();

// biome-ignore lint/suspicious/noExplicitAny: the parse tree is plain JSON of PostgreSQL's node types
type TNode = any;

/** Tenant tables of every module, with the column that names the organisation (the tenant root's is its id). */
export function tenantTables(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of MODULES) {
    for (const t of Object.values(m.tables) as Table[]) {
      const name = getTableName(t);
      const columns = Object.values(getTableColumns(t)).map((c) => c.name);
      if (name === 'organisations') out.set(name, 'id');
      else if (columns.includes('org_id')) out.set(name, 'org_id');
    }
  }
  return out;
}

interface TRef {
  name: string; // alias, or the table's name
  table: string;
}

interface TLevel {
  refs: TRef[];
  scoped: Set<string>;
  parent: TLevel | null;
}

const LEVEL_KINDS = ['SelectStmt', 'UpdateStmt', 'DeleteStmt', 'InsertStmt'] as const;

function collectRefs(node: TNode, out: TNode[]) {
  if (!node) return;
  if (node.RangeVar) out.push(node.RangeVar);
  else if (node.JoinExpr) {
    collectRefs(node.JoinExpr.larg, out);
    collectRefs(node.JoinExpr.rarg, out);
  }
}

function collectQuals(node: TNode, out: TNode[]) {
  if (node?.JoinExpr) {
    if (node.JoinExpr.quals) out.push(node.JoinExpr.quals);
    collectQuals(node.JoinExpr.larg, out);
    collectQuals(node.JoinExpr.rarg, out);
  }
}

function conjuncts(node: TNode): TNode[] {
  if (!node) return [];
  if (node.BoolExpr?.boolop === 'AND_EXPR') return node.BoolExpr.args.flatMap(conjuncts);
  return [node];
}

const unwrap = (n: TNode): TNode => (n?.TypeCast ? unwrap(n.TypeCast.arg) : n);
const isValue = (n: TNode) => {
  const v = unwrap(n);
  return Boolean(v?.ParamRef || v?.A_Const);
};

/** The level's ref a column names, when the column is its organisation column. */
function orgColumnRef(n: TNode, level: TLevel, tables: Map<string, string>): { level: TLevel; ref: TRef } | null {
  const fields = unwrap(n)?.ColumnRef?.fields?.map((f: TNode) => f.String?.sval);
  if (!fields?.length || fields.some((f: unknown) => typeof f !== 'string')) return null;
  const column = fields.at(-1);
  const qualifier = fields.length > 1 ? fields.at(-2) : null;
  for (let l: TLevel | null = level; l; l = l.parent) {
    const ref = qualifier ? l.refs.find((r) => r.name === qualifier) : l.refs.length === 1 ? l.refs[0] : undefined;
    if (ref) return tables.get(ref.table) === column ? { level: l, ref } : null;
    if (!qualifier) return null;
  }
  return null;
}

function resolveLevel(level: TLevel, conditions: TNode[], tables: Map<string, string>) {
  const edges: [string, string][] = [];
  for (const c of conditions) {
    const e = c.A_Expr;
    if (!e) continue;
    const op = e.name?.[0]?.String?.sval;
    const left = orgColumnRef(e.lexpr, level, tables);
    if (e.kind === 'AEXPR_IN' || e.kind === 'AEXPR_OP_ANY') {
      if (left?.level === level && op === '=') level.scoped.add(left.ref.name);
      continue;
    }
    if (e.kind !== 'AEXPR_OP' || op !== '=') continue;
    const right = orgColumnRef(e.rexpr, level, tables);
    for (const [a, b, other] of [
      [left, right, e.rexpr],
      [right, left, e.lexpr],
    ] as const) {
      if (a?.level !== level) continue;
      if (isValue(other)) level.scoped.add(a.ref.name);
      else if (b && b.level !== level && b.level.scoped.has(b.ref.name)) level.scoped.add(a.ref.name);
      else if (b && b.level === level) edges.push([a.ref.name, b.ref.name]);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [a, b] of edges)
      if (level.scoped.has(b) && !level.scoped.has(a)) {
        level.scoped.add(a);
        changed = true;
      }
  }
}

function visit(node: TNode, parent: TLevel | null, tables: Map<string, string>, problems: string[]) {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, parent, tables, problems);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const kind = LEVEL_KINDS.find((k) => node[k]);
  if (!kind) {
    for (const v of Object.values(node)) visit(v, parent, tables, problems);
    return;
  }
  const s = node[kind];
  const rangeVars: TNode[] = [];
  const quals: TNode[] = [];
  for (const from of [...(s.fromClause ?? []), ...(s.usingClause ?? [])]) {
    collectRefs(from, rangeVars);
    collectQuals(from, quals);
  }
  // An INSERT's target gets org_id from its values (the composite foreign keys check them); UPDATE and DELETE filter.
  if (kind === 'UpdateStmt' || kind === 'DeleteStmt') rangeVars.push(s.relation);
  const refs = rangeVars.map((r) => ({ name: r.alias?.aliasname ?? r.relname, table: r.relname }));
  const level: TLevel = { refs, scoped: new Set(), parent };
  resolveLevel(level, [...conjuncts(s.whereClause), ...quals.flatMap(conjuncts)], tables);
  for (const r of refs)
    if (tables.has(r.table) && !level.scoped.has(r.name))
      problems.push(`${r.table}${r.name !== r.table ? ` (as ${r.name})` : ''} is used without pinning its ${tables.get(r.table)}`);
  for (const [key, value] of Object.entries(s)) if (key !== 'relation') visit(value, level, tables, problems);
}

/** What is wrong with one statement's tenancy; empty when every tenant table in it is pinned. */
export function tenancyProblems(sql: string, tables: Map<string, string>): string[] {
  const problems: string[] = [];
  visit(parseSync(sql), null, tables, problems);
  return problems;
}

export interface TenancyChecker {
  onQuery(sql: string): void;
  /** Every statement that broke the rule so far, with what was wrong. */
  violations: string[];
}

/** Checks each statement as it is run; a statement that breaks the rule is refused (and remembered). */
export function createTenancyChecker(tables = tenantTables()): TenancyChecker {
  const cache = new Map<string, string[]>();
  const violations: string[] = [];
  return {
    violations,
    onQuery(sql) {
      if (crossOrganisationReason() !== undefined) return;
      let problems = cache.get(sql);
      if (!problems) {
        problems = tenancyProblems(sql, tables);
        cache.set(sql, problems);
      }
      if (!problems.length) return;
      const message = `Tenancy: ${problems.join('; ')}\n  in: ${sql}`;
      violations.push(message);
      throw new Error(message);
    },
  };
}
