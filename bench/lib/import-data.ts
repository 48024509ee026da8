// The import bench's data: deterministic account rows, as the CSV a user uploads and as the COPY text a raw
// load of the same rows would send.

import { newId } from '../../apps/server/src/platform/ids.ts';

const SEGMENTS = ['enterprise', 'mid_market', 'smb'];
const EDITIONS = ['self_service', 'professional', 'enterprise'];
const STAGES = ['trial', 'onboarding', 'adoption', 'renewal', 'at_risk'];
const WORDS = ['Acme', 'Fjord', 'Bakker', 'Hygge', 'Nordic', 'Delta', 'Vega', 'Orion', 'Tulp', 'Molen', 'Havn', 'Kyst'];

export interface TSourceRow {
  name: string;
  domain: string;
  externalId: string;
  market: 'NL' | 'DK';
  segment: string;
  edition: string;
  stage: string;
  tags: string[];
  employees: number;
  website: string;
}

/** Deterministic rows (a small LCG), so every run imports the same file. */
export function generateRows(n: number): TSourceRow[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const rows: TSourceRow[] = [];
  for (let i = 1; i <= n; i++) {
    const word = WORDS[next() % WORDS.length] as string;
    rows.push({
      name: `${word} ${i} ${i % 3 ? 'B.V.' : 'ApS'}`,
      domain: `${word.toLowerCase()}-${i}.example`,
      externalId: `HS-${100000 + i}`,
      market: i % 3 ? 'NL' : 'DK',
      segment: SEGMENTS[next() % 3] as string,
      edition: EDITIONS[next() % 3] as string,
      stage: STAGES[next() % 5] as string,
      tags: i % 4 ? ['imported', i % 2 ? 'pilot' : 'nps'] : [],
      employees: 5 + (next() % 5000),
      website: `https://www.${word.toLowerCase()}-${i}.example`,
    });
  }
  return rows;
}

export function toCsv(rows: TSourceRow[], ownerEmail: string): Buffer {
  const lines = ['Name,Domain,CRM id,Market,Segment,Edition,Lifecycle stage,Owner,Tags,Employees,Website'];
  for (const r of rows) {
    lines.push(
      [
        r.name,
        r.domain,
        r.externalId,
        r.market,
        r.segment,
        r.edition,
        r.stage,
        ownerEmail,
        `"${r.tags.join('; ')}"`,
        r.employees,
        r.website,
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** The same rows in the table's own columns, as COPY text: what a raw load would send. */
export function toCopyText(rows: TSourceRow[], orgId: string, marketIds: Record<string, string>, ownerId: string): string {
  const now = new Date().toISOString();
  const out: string[] = [];
  for (const r of rows) {
    const tags = `{${r.tags.join(',')}}`;
    out.push(
      [
        orgId,
        newId(),
        r.name,
        r.domain,
        r.externalId,
        marketIds[r.market],
        r.segment,
        r.edition,
        r.stage,
        ownerId,
        tags,
        r.employees,
        r.website,
        '\\N',
        '{}',
        1,
        now,
        now,
      ].join('\t'),
    );
  }
  return `${out.join('\n')}\n`;
}

export const COPY_COLUMNS =
  'org_id, id, name, domain, external_id, market_id, segment, edition, lifecycle_stage, owner_user_id, tags, employees, website, notes, custom, version, created_at, updated_at';
