import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('csvCell', () => {
  it('guards text a spreadsheet would run as a formula, and leaves numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-300)).toBe('-300');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvLine(['a,b', null, -1, 'line\nbreak'])).toBe('"a,b",,-1,"line\nbreak"\r\n');
  });
});
