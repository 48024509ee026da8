import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { csv, startAndRun, upload, uploadAndValidate } from './imports.test-helpers.ts';

/**
 * Column names are the file's, so they may be any text, including the names of Object.prototype's members.
 * Left unmapped they must not be read from the prototype (an inherited function is not a target field).
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const HOSTILE = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
// JSON parsers refuse a "__proto__" key, so the column is renamed at upload (it is the file's column E, or D).
const shown = (column: string, letter: string) => (column === '__proto__' ? `__proto__ (${letter})` : column);
const COLUMNS = ['Name', 'Domain', ...HOSTILE.map((c) => shown(c, 'E'))];

describe('imported columns named like Object.prototype members', () => {
  it('maps, shows and imports a file whose unmapped columns are named toString, constructor, __proto__ …', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const file = csv([
      ['Name', 'Domain', ...HOSTILE],
      ['Proto BV', 'proto.example', 'a', 'b', 'c', 'd', 'e'],
      ['Chain ApS', 'chain.example', 'f', 'g', 'h', 'i', 'j'],
    ]);
    const up = await upload(t, h, 'accounts', 'proto.csv', file);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().columns).toEqual(COLUMNS);
    const suggested = up.json().suggestedMapping;
    expect(Object.keys(suggested)).toEqual(COLUMNS);
    for (const c of COLUMNS.slice(2)) expect(suggested[c]).toBeNull();

    const mapping = Object.fromEntries(COLUMNS.map((c) => [c, c === 'Name' ? 'name' : c === 'Domain' ? 'domain' : null]));
    const validated = await uploadAndValidate(t, h, 'accounts', 'proto.csv', file, mapping);
    expect(validated.mapping).toEqual(mapping);
    // The detail of the import, as the wizard reloads it.
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}`, headers: h });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().mapping).toEqual(mapping);

    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2, errorRows: 0 });
    expect(done.mapping).toEqual(mapping);
  });

  it('with the mapping saved only for some columns, the rest (named like prototype members) read as unmapped', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const file = csv([
      ['Name', ...HOSTILE],
      ['Only Name', '1', '2', '3', '4', '5'],
    ]);
    const validated = await uploadAndValidate(t, h, 'accounts', 'partial.csv', file, { Name: 'name' });
    expect(validated.mapping).toEqual(Object.fromEntries([['Name', 'name'], ...HOSTILE.map((c) => [shown(c, 'D'), null])]));
    const done = await startAndRun(t, h, validated.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 1 });
  });

  it('refuses a mapping to a target named like a prototype member, naming the column', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const up = await upload(t, h, 'accounts', 'x.csv', csv([['Name'], ['A']]));
    for (const target of ['toString', 'constructor', '__proto__']) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/imports/${up.json().id}/mapping`,
        headers: h,
        payload: { mapping: { Name: target } },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details[0]).toMatchObject({ field: 'mapping.Name', code: 'mapping_unknown_target' });
    }
  });
});
