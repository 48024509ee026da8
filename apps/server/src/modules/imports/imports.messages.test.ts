import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { findMessage } from '../../platform/messages.ts';
import {
  failureMessages,
  failureOf,
  failurePart,
  keptNote,
  localiseFailure,
  renderFailure,
  rowsInvalidNow,
  serverStopped,
} from './imports.failure.ts';
import { importMessages, localiseRowError, matchRowMessage, renderRowMessage, SHARED_ROW_CODES } from './imports.messages.ts';
import { insertErrors } from './imports.repository.ts';
import { csv, upload, uploadAndValidate } from './imports.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('row message catalogue', () => {
  it('has every entry in three languages with the same placeholders, under codes of its own', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(importMessages)) {
      expect(Object.hasOwn(MESSAGES, code), `${code} is also a platform code`).toBe(false);
      for (const lang of ['nl', 'da'] as const) {
        expect(entry[lang], `${code}.${lang}`).not.toBe(entry.en);
        expect(names(entry[lang]), `${code}.${lang}`).toEqual(names(entry.en));
      }
      // Rows stored before codes existed are recognised from their English text.
      expect(matchRowMessage(entry.en.replace(/\{\w+\}/g, '7'))?.code, code).toBe(code);
    }
    expect(renderRowMessage('same_external_id_as_row', 'da', { row: '4' })).toBe('række 4 har samme eksterne id');
    // The codes a row problem borrows from other catalogues are registered (a moved entry keeps its code).
    for (const code of SHARED_ROW_CODES) expect(findMessage(code), code).toBeDefined();
  });

  it('words an old row (English only) in the reader language, and leaves unknown text alone', () => {
    const old = { rowNumber: 3, field: 'domain', column: 'Domain', value: 'x', code: null, params: null };
    expect(localiseRowError({ ...old, message: 'row 2 has the same domain' }, 'nl')).toMatchObject({
      code: 'same_domain_as_row',
      params: { row: '2' },
      message: 'rij 2 heeft hetzelfde domein',
    });
    expect(localiseRowError({ ...old, message: 'must be a domain such as example.com' }, 'da').message).toBe(
      'skal være et domæne som example.com',
    );
    expect(localiseRowError({ ...old, message: 'something we never said' }, 'nl')).toMatchObject({
      code: 'invalid',
      params: {},
      message: 'something we never said',
    });
  });
});

describe('import row errors in the reader language', () => {
  async function badImport() {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/markets',
      headers: h,
      payload: { code: 'NL', name: 'Netherlands', language: 'nl', currency: 'EUR' },
    });
    const file = csv([
      ['Name', 'Domain', 'Segment', 'Employees', 'Market', 'CRM id'],
      ['Good', 'good.example', 'smb', '10', 'NL', 'A-1'],
      ['', 'not a domain', 'huge', '-5', 'XX', 'A-1'],
    ]);
    const validated = await uploadAndValidate(t, h, 'accounts', 'bad.csv', file);
    const errorsIn = async (language?: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${validated.id}/errors`,
        headers: language ? { ...h, 'accept-language': language } : h,
      });
      expect(res.statusCode).toBe(200);
      return Object.fromEntries(res.json().items.map((e: { field: string }) => [e.field, e]));
    };
    return { org, h, id: validated.id as string, errorsIn };
  }

  it('stores a code and values per error; lists them in English by default and in Dutch or Danish when asked', async () => {
    const { errorsIn } = await badImport();
    const en = await errorsIn();
    expect(en.name).toMatchObject({ code: 'is_required', params: {}, message: 'is required' });
    expect(en.domain).toMatchObject({ code: 'domain_format', message: 'must be a domain such as example.com' });
    expect(en.segment).toMatchObject({
      code: 'not_a_choice',
      params: { choice: 'segment' },
      message: 'must be one of these: Enterprise, Mid-market (mid_market), Small business (smb)',
    });
    expect(en.employees).toMatchObject({
      code: 'number_between',
      params: { min: '0' },
      message: expect.stringMatching(/^must be between 0 and /),
    });
    expect(en.market).toMatchObject({ code: 'unknown_market_use', params: { codes: 'NL' }, message: 'no such market; use one of: NL' });
    expect(en.externalId).toMatchObject({
      code: 'same_external_id_as_row',
      params: { row: '2' },
      message: 'row 2 has the same external id',
    });

    const nl = await errorsIn('nl-NL,nl;q=0.9');
    expect(nl.name.message).toBe('is verplicht');
    expect(nl.domain.message).toBe('moet een domein zijn, zoals example.com');
    expect(nl.segment.message).toBe('moet een van deze zijn: Enterprise, Middelgroot (mid_market), Klein bedrijf (smb)');
    expect(nl.employees.message).toMatch(/^moet tussen 0 en \d+ liggen$/);
    expect(nl.market.message).toBe('deze markt bestaat niet; gebruik een van: NL');
    expect(nl.externalId).toMatchObject({ code: 'same_external_id_as_row', message: 'rij 2 heeft hetzelfde externe id' });
    const da = await errorsIn('da');
    expect(da.externalId.message).toBe('række 2 har samme eksterne id');
    expect(da.name.message).toBe('er påkrævet');
  });

  it('keeps the CSV download in English, with the code of each error', async () => {
    const { h, id } = await badImport();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors.csv`, headers: { ...h, 'accept-language': 'nl' } });
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('row,field,column,message,value,code');
    expect(lines).toContain('3,externalId,CRM id,row 2 has the same external id,A-1,same_external_id_as_row');
    expect(lines).toContain('3,name,Name,is required,,is_required');
  });

  it('translates errors stored before codes existed by their English text', async () => {
    const org = await createTestOrg(t);
    const up = await upload(t, org.admin.headers, 'accounts', 'old.csv', csv([['name'], ['A']]));
    const id = up.json().id as string;
    await insertErrors(t.db, org.orgId, id, [
      {
        rowNumber: 2,
        field: 'domain',
        column: 'Domain',
        message: 'row 1 has the same domain',
        value: 'a.example',
        code: null,
        params: null,
      },
      { rowNumber: 3, field: 'notes', column: 'Notes', message: 'a message from long ago', value: null, code: null, params: null },
    ]);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}/errors`,
      headers: { ...org.admin.headers, 'accept-language': 'nl' },
    });
    expect(res.json().items).toEqual([
      {
        rowNumber: 2,
        field: 'domain',
        column: 'Domain',
        message: 'rij 1 heeft hetzelfde domein',
        value: 'a.example',
        code: 'same_domain_as_row',
        params: { row: '1' },
      },
      { rowNumber: 3, field: 'notes', column: 'Notes', message: 'a message from long ago', value: null, code: 'invalid', params: {} },
    ]);
  });
});

describe('why an import stopped, in the reader language', () => {
  it('words each stored failure part by part, also texts stored by earlier versions', () => {
    const old = (parts: Parameters<typeof renderFailure>[0]) => renderFailure(parts, 'en');
    expect(localiseFailure(old([rowsInvalidNow(2), ...keptNote(1), failurePart('import_check_errors_again')]), 'nl')).toBe(
      '2 rijen bevatten nu fouten; er is niets geïmporteerd. 1 rij die iemand wijzigde terwijl de import liep, is gelaten zoals hij nu is, met de geïmporteerde waarden en die wijziging (staat bij de fouten). Bekijk de fouten en start dan opnieuw.',
    );
    // As an earlier version wrote it: "1 rows", and "was left as they are now".
    expect(
      localiseFailure(
        '1 rows have errors now; nothing was imported. 1 row that someone changed while the import ran was left as they are now, with the imported values and that change (listed with the errors). Check the errors, then start again.',
        'da',
      ),
    ).toBe(
      '1 række har nu fejl; intet blev importeret. 1 række, som nogen ændrede, mens importen kørte, er efterladt, som den er nu, med de importerede værdier og ændringen (står sammen med fejlene). Se fejlene igennem, og start så igen.',
    );
    expect(
      localiseFailure(
        'The server stopped while this ran, 3 times in a row (for example it ran out of memory, or was restarted); nothing was imported.',
        'nl',
      ),
    ).toBe(
      'De server stopte 3 keer achter elkaar terwijl dit liep (bijvoorbeeld omdat het geheugen op was of omdat hij opnieuw werd gestart); er is niets geïmporteerd.',
    );
    expect(localiseFailure(old([serverStopped(1), failurePart('import_then_remap', true)]), 'da')).toMatch(
      /^Serveren stoppede, mens dette kørte .*; kontrollér filen, og gem derefter tilknytningen igen\.$/,
    );
    // A platform message raised while importing, field first; text we do not know stays as it is.
    expect(localiseFailure('file: has no header row', 'nl')).toBe('file: heeft geen kopregel');
    expect(localiseFailure('Something unforeseen. And more.', 'nl')).toBe('Something unforeseen. And more.');
    expect(localiseFailure(old([failurePart('import_internal_import')]), 'en')).toBe(
      'The import stopped because of an internal error; try again, or check the server log.',
    );
    expect(localiseFailure(null, 'nl')).toBeNull();
  });

  it('has every part in three languages with the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(failureMessages)) {
      for (const lang of ['nl', 'da'] as const) {
        expect(entry[lang], `${code}.${lang}`).not.toBe(entry.en);
        expect(names(entry[lang]), `${code}.${lang}`).toEqual(names(entry.en));
      }
    }
  });

  it('stores a failure as parts with codes and renders it by code, not by matching its text', () => {
    const stored = failureOf([serverStopped(2), failurePart('import_nothing_imported', true), ...keptNote(1)]);
    expect(stored.failure).toEqual([
      { code: 'import_server_stopped', values: { count: '2' } },
      { code: 'import_nothing_imported', clause: true },
      { code: 'import_kept_one' },
    ]);
    expect(stored.failureMessage).toMatch(/^The server stopped while this ran, 2 times in a row .*\); nothing was imported\. 1 row that/);
    expect(renderFailure(stored.failure, 'nl')).toMatch(/^De server stopte 2 keer achter elkaar .*; er is niets geïmporteerd\. 1 rij die/);
    // A field's error raised while importing keeps its field and code.
    expect(renderFailure([{ field: 'file', code: 'file_no_header', values: {} }], 'da')).toBe('file: har ingen overskriftsrække');
  });
});
