import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './AuditDiff.tsx';

describe('audit entry diff', () => {
  it('lists changed fields first and never the row version', () => {
    const rows = diffSnapshots({ name: 'Acme', segment: 'smb', version: 3 }, { name: 'Acme', segment: 'enterprise', version: 4 });
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['segment', true],
      ['name', false],
    ]);
  });
});
