import { describe, expect, it } from 'vitest';
import { readableField } from './api.ts';

describe('a field named in an error', () => {
  it('reads as words and positions, never as a raw path', () => {
    expect(readableField('body.lines.0.unitPrice')).toBe('Lines · 1 · Unit price');
    expect(readableField('discount.percent')).toBe('Discount · Percent');
  });

  it('uses the form’s own labels where it has them', () => {
    expect(readableField('body.lines.0.unitPrice', { unitPrice: 'Prijs per eenheid', lines: 'Regels' })).toBe(
      'Regels · 1 · Prijs per eenheid',
    );
    expect(readableField('query.accountId', { accountId: 'Account' })).toBe('Account');
  });
});
