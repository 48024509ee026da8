import { describe, expect, it } from 'vitest';
import { numberSeparators } from './format.ts';

describe('numberSeparators', () => {
  it('groups digits as the UI language writes them: 2,238.5 in English, 2.238,5 in Dutch and Danish', () => {
    expect(numberSeparators('en')).toEqual({ thousandSeparator: ',', decimalSeparator: '.' });
    expect(numberSeparators('nl')).toEqual({ thousandSeparator: '.', decimalSeparator: ',' });
    expect(numberSeparators('da')).toEqual({ thousandSeparator: '.', decimalSeparator: ',' });
  });
});
