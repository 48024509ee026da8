import { describe, expect, it } from 'vitest';
import { checkMapping, suggestMapping, targetFieldsFor } from './imports.fields.ts';
import { columnsFromHeader, readPreview, readRecords, sniffFile, type TRawRow } from './imports.parse.ts';
import type { TParseOptions } from './imports.table.ts';
import { xlsxFile } from './imports.test-helpers.ts';
import { choiceParser, isProblem, parseDate, parseDomain, parseInteger, parseNumber, parseUrl, splitList } from './imports.values.ts';

/** Read every record, feeding the bytes in pieces of `step` bytes (to cut through quotes and line breaks). */
async function records(bytes: Buffer, options: TParseOptions, step = bytes.length): Promise<TRawRow[]> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += step) pieces.push(bytes.subarray(i, i + step));
  const out: TRawRow[] = [];
  for await (const batch of readRecords(pieces, 'csv', options)) out.push(...batch);
  return out;
}

describe('reading CSV', () => {
  it('detects a BOM, semicolons and CRLF, and keeps quoted delimiters and line breaks inside a cell', async () => {
    const file = Buffer.from('\ufeffNaam;Notities;Tags\r\n"Acme; B.V.";"line one\r\nline two";"a, b"\r\n\r\nFjord;"say ""hi""";x\r\n');
    const { format, parseOptions } = sniffFile(file, 'klanten.csv');
    expect(format).toBe('csv');
    expect(parseOptions).toEqual({ encoding: 'utf-8', newline: '\r\n', delimiter: ';' });
    const expected = [
      { rowNumber: 1, cells: ['Naam', 'Notities', 'Tags'] },
      { rowNumber: 2, cells: ['Acme; B.V.', 'line one\r\nline two', 'a, b'] },
      { rowNumber: 4, cells: ['Fjord', 'say "hi"', 'x'] }, // row 3 is blank: skipped, but the numbering stays the spreadsheet's
    ];
    expect(await records(file, parseOptions)).toEqual(expected);
    // The same when the stored parts end in the middle of a quoted cell or between \r and \n.
    for (const step of [1, 2, 7, 13]) expect(await records(file, parseOptions, step)).toEqual(expected);
  });

  it('reads Windows-1252, UTF-16, tabs and the `sep=` line Excel writes', async () => {
    const latin = Buffer.from('Naam,Plaats\nCaf\xe9,Z\xfcrich\n', 'latin1');
    const sniffed = sniffFile(latin, 'x.csv');
    expect(sniffed.parseOptions.encoding).toBe('windows-1252');
    expect((await records(latin, sniffed.parseOptions))[1]?.cells).toEqual(['Café', 'Zürich']);

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tDomain\r\nÆble\tæble.dk\r\n', 'utf16le')]);
    const u = sniffFile(utf16, 'export.txt');
    expect(u.parseOptions).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect((await records(utf16, u.parseOptions))[1]?.cells).toEqual(['Æble', 'æble.dk']);

    const sep = Buffer.from('sep=;\nName;Domain\nAcme;acme.nl\n');
    const s = sniffFile(sep, 'x.csv');
    expect(s.parseOptions).toMatchObject({ delimiter: ';', skipFirstLine: true });
    expect(await records(sep, s.parseOptions)).toEqual([
      { rowNumber: 1, cells: ['Name', 'Domain'] },
      { rowNumber: 2, cells: ['Acme', 'acme.nl'] },
    ]);
  });

  it('refuses what is not CSV or .xlsx', () => {
    const reasons = (bytes: Buffer, name: string) => {
      try {
        sniffFile(bytes, name);
        return null;
      } catch (err) {
        return (err as { details: { field: string; message: string }[] }).details[0];
      }
    };
    expect(reasons(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'x.csv')).toMatchObject({
      field: 'file',
      message: expect.stringContaining('binary'),
    });
    expect(reasons(Buffer.from('a,b'), 'x.pdf')).toMatchObject({ field: 'file' });
    expect(reasons(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'x.xls')).toMatchObject({
      field: 'file',
      message: expect.stringContaining('.xls'),
    });
    expect(reasons(Buffer.alloc(0), 'x.csv')).toMatchObject({ field: 'file', message: 'is empty' });
    expect(reasons(Buffer.from('a,b\n1,2\n'), 'data')).toBeNull();
  });

  it('names columns uniquely: blank headers by letter, repeats numbered', () => {
    expect(columnsFromHeader(['Name', '', 'Name', ' Domain ', '', ''])).toEqual(['Name', 'Column B', 'Name (2)', 'Domain']);
  });
});

describe('reading .xlsx', () => {
  it('streams the first worksheet: dates as ISO, formulas by result, rich text joined, real row numbers', async () => {
    const file = await xlsxFile([
      ['Name', 'Renewal', 'Seats', 'Total', 'Note'],
      [
        'Acme',
        new Date('2026-03-31T00:00:00Z'),
        12,
        { formula: 'C2*2', result: 24 },
        { richText: [{ text: 'very ' }, { text: 'important' }] },
      ],
      [],
      ['Fjord', new Date('2026-04-01T10:30:00Z'), 0.1 + 0.2, null, { text: 'site', hyperlink: 'https://fjord.dk' }],
    ]);
    expect(sniffFile(file, 'accounts.xlsx').format).toBe('xlsx');
    const rows: TRawRow[] = [];
    for await (const batch of readRecords([file], 'xlsx', {})) rows.push(...batch);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Name', 'Renewal', 'Seats', 'Total', 'Note'] },
      { rowNumber: 2, cells: ['Acme', '2026-03-31', '12', '24', 'very important'] },
      { rowNumber: 4, cells: ['Fjord', '2026-04-01T10:30:00.000Z', '0.3', '', 'site'] },
    ]);
    const preview = await readPreview(file, 'xlsx', {});
    expect(preview.columns).toEqual(['Name', 'Renewal', 'Seats', 'Total', 'Note']);
    expect(preview.sampleRows).toHaveLength(2);
  });
});

describe('cell values', () => {
  it('reads numbers in both conventions and refuses ambiguous ones', () => {
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1.234,56')).toBe(1234.56);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber('1 234 567')).toBe(1234567);
    expect(parseNumber('-3')).toBe(-3);
    for (const bad of ['12abc', '1,2,3', '1.2.3', '', 'NaN', '1e400']) expect(isProblem(parseNumber(bad)), bad).toBe(true);
    expect(parseInteger('1.200', 0, 10_000)).toBe(1200);
    expect(parseInteger('1,200', 0, 10_000)).toBe(1200);
    expect(parseInteger('45', 0, 10)).toMatchObject({ message: 'must be between 0 and 10' });
    expect(isProblem(parseInteger('12.5', 0, 100))).toBe(true);
  });

  it('reads ISO and day-first dates, and refuses dates that do not exist', () => {
    expect(parseDate('2026-03-31')).toBe('2026-03-31');
    expect(parseDate('2026-03-31T00:00:00.000Z')).toBe('2026-03-31');
    expect(parseDate('31-03-2026')).toBe('2026-03-31');
    expect(parseDate('1.4.2026')).toBe('2026-04-01');
    expect(parseDate('31/12/2026')).toBe('2026-12-31');
    expect(parseDate('31-02-2026')).toMatchObject({ message: 'must be an existing date' });
    expect(isProblem(parseDate('March 3rd'))).toBe(true);
  });

  it('normalises domains and web addresses', () => {
    expect(parseDomain('https://www.Acme.NL/over-ons?x=1')).toBe('acme.nl');
    expect(parseDomain('acme.co.uk.')).toBe('acme.co.uk');
    expect(isProblem(parseDomain('not a domain'))).toBe(true);
    expect(parseUrl('www.acme.nl')).toBe('https://www.acme.nl');
    expect(parseUrl('http://acme.nl/a(b)')).toBe('http://acme.nl/a(b)');
    expect(isProblem(parseUrl('ftp://acme.nl'))).toBe(true);
    expect(isProblem(parseUrl('localhost'))).toBe(true);
  });

  it('matches choices leniently and splits lists', () => {
    const segment = choiceParser(['enterprise', 'mid_market', 'smb'], { mkb: 'smb' });
    expect(['Mid-market', 'mid market', 'MID_MARKET', 'midmarket'].map(segment)).toEqual([
      'mid_market',
      'mid_market',
      'mid_market',
      'mid_market',
    ]);
    expect(segment('MKB')).toBe('smb');
    expect(segment('huge')).toMatchObject({ message: 'must be one of: enterprise, mid_market, smb' });
    expect(splitList(' a; b ,a,,c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('mapping', () => {
  it('suggests fields from English, Dutch and Danish headers, each field once', () => {
    const fields = targetFieldsFor('accounts', []);
    expect(
      suggestMapping(
        'accounts',
        ['Company', 'Domein', 'HubSpot id', 'Land', 'Eigenaar', 'Aantal medewerkers', 'Navn', 'Hjemmeside', 'Whatever'],
        fields,
      ),
    ).toEqual({
      Company: 'name',
      Domein: 'domain',
      'HubSpot id': 'externalId',
      Land: 'market',
      Eigenaar: 'owner',
      'Aantal medewerkers': 'employees',
      Navn: null, // name is already taken by "Company"
      Hjemmeside: 'website',
      Whatever: null,
    });
    expect(suggestMapping('accounts', ['Naam', 'CRM id', 'External ID', 'E-mail'], fields)).toEqual({
      Naam: 'name',
      'CRM id': 'externalId',
      'External ID': null,
      'E-mail': null,
    });
    expect(
      suggestMapping('contacts', ['Fornavn', 'Efternavn', 'E-mail adresse', 'Stilling', 'Firmadomæne'], targetFieldsFor('contacts', [])),
    ).toEqual({
      Fornavn: 'firstName',
      Efternavn: 'lastName',
      'E-mail adresse': 'email',
      Stilling: 'jobTitle',
      Firmadomæne: 'accountDomain',
    });
  });

  it('checks a mapping as a whole', () => {
    const fields = targetFieldsFor('accounts', []);
    expect(checkMapping('accounts', { A: 'name', B: 'domain' }, ['A', 'B'], fields)).toEqual([]);
    expect(checkMapping('accounts', { A: 'domain', B: 'domain', C: 'name' }, ['A', 'B'], fields).map((p) => p.field)).toEqual([
      'mapping.B',
      'mapping.C',
      'mapping',
    ]);
  });
});
