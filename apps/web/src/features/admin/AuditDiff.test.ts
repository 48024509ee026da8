import { describe, expect, it } from 'vitest';
import { diffSnapshots, showValue } from './AuditDiff.tsx';

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
