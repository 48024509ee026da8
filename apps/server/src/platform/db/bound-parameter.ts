/**
 * Which bound value a PostgreSQL data exception (SQLSTATE class 22) is about. When PostgreSQL fails to
 * convert a value bound to a statement (a uuid that is not one, an integer beyond the column's range, U+0000
 * in text) its error context names the parameter, "unnamed portal parameter $3", on PostgreSQL and PGlite
 * alike. Such a value came from the caller. A data exception without that context was raised by the SQL
 * itself (a division by zero, a cast of stored data): our bug, not the caller's.
 */
export function failedParameter(where: string | undefined): number | null {
  const m = /portal parameter \$(\d+)/.exec(where ?? '');
  return m ? Number(m[1]) : null;
}

const IDENT = '"?([A-Za-z_][A-Za-z0-9_]*)"?';

/**
 * The column parameter `$n` of a statement was meant for, when the statement says: `"col" = $n` (update
 * sets, where clauses) or its position in an `insert into t (cols) values (…)` row. Null otherwise.
 */
export function columnOfParameter(query: string, n: number): string | null {
  const param = `\\$${n}(?!\\d)`;
  const compared = new RegExp(`${IDENT}\\s*(?:=|<>|!=|<=|>=|<|>)\\s*${param}`).exec(query);
  if (compared?.[1]) return compared[1];
  const insert = /^\s*insert\s+into\s+\S+\s*\(([^)]*)\)\s*values\s*(.*)$/is.exec(query);
  if (!insert?.[1] || !insert[2]) return null;
  const columns = insert[1].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const own = new RegExp(`^${param}`);
  for (const row of insert[2].matchAll(/\(([^()]*)\)/g)) {
    const index = (row[1] ?? '').split(',').findIndex((cell) => own.test(cell.trim()));
    if (index >= 0) return columns[index] ?? null;
  }
  return null;
}
