import { describe, expect, it } from 'vitest';
import { diffSnapshots, showValue } from './AuditDiff.tsx';
import { humanize } from './auditLabels.ts';

describe('audit entry diff', () => {
  it('lists changed fields first and never the row version', () => {
    const rows = diffSnapshots({ name: 'Acme', segment: 'smb', version: 3 }, { name: 'Acme', segment: 'enterprise', version: 4 });
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['segment', true],
      ['name', false],
    ]);
  });
});

describe('audit values', () => {
  it('prints numbers with the language’s digit grouping, and lists comma-separated', async () => {
    const { default: i18n } = await import('i18next');
    await i18n.init({ lng: 'en', resources: {} });
    expect(showValue(2238)).toBe('2,238');
    await i18n.changeLanguage('nl');
    expect(showValue(2238)).toBe('2.238');
    expect(showValue(['a', 'b'])).toBe('a, b');
    expect(showValue(null)).toBe('—');
  });
});

describe('audit ids and fields', () => {
  it('shows the name an id points at, never the id', () => {
    const owner = '0192f0c4-1111-7000-8000-000000000001';
    expect(showValue(owner, { [owner]: 'Casey de Wit' })).toBe('Casey de Wit');
    expect(showValue(owner.toUpperCase(), { [owner]: 'Casey de Wit' })).toBe('Casey de Wit');
    expect(showValue(owner, {}, '(not named)')).toBe('(not named)');
    expect(showValue([owner, 'x'], { [owner]: 'Casey' })).toBe('Casey, x');
  });

  it('leaves out the row’s own id and organisation, and reads unknown field keys as words', () => {
    expect(diffSnapshots({ id: 'a', orgId: 'b', value: 1 }, { id: 'a', orgId: 'b', value: 2 }).map((r) => r.field)).toEqual(['value']);
    expect(humanize('hoursPerWeek')).toBe('Hours per week');
    expect(humanize('usage_key_features')).toBe('Usage key features');
    expect(humanize('MRR')).toBe('MRR');
    expect(humanize('Custom field: Tier')).toBe('Custom field: Tier');
  });
});
