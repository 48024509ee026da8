import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { CHOICE_LABELS } from './imports.choices.ts';
import { csv, startAndRun, uploadAndValidate } from './imports.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/src');

/** Every string of the web UI's catalogues in one language (apps/web/src/i18n and each feature's i18n). */
function webStrings(lang: string): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(full);
      else if (entry.name === `${lang}.json` && path.basename(dir) === 'i18n') walk(JSON.parse(fs.readFileSync(full, 'utf8')));
    }
  };
  visit(webSrc);
  return out;
}

describe('choices by the labels the UI shows', () => {
  it('knows the same labels as the web UI, in every language', () => {
    for (const lang of ['en', 'nl', 'da'] as const) {
      const strings = webStrings(lang);
      expect(strings.size).toBeGreaterThan(100);
      for (const [field, values] of Object.entries(CHOICE_LABELS)) {
        for (const [value, labels] of Object.entries(values as unknown as Record<string, Record<string, string>>)) {
          expect(strings.has(labels[lang] as string), `${field}.${value} in ${lang}: "${labels[lang]}"`).toBe(true);
        }
      }
    }
  });

  it('imports English, Dutch and Danish labels in any case besides the codes, and names the labels when a value is unknown', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const file = csv([
      ['Name', 'Segment', 'Edition', 'Lifecycle stage'],
      ['Label One', 'Small business', 'Self-service', 'At risk'],
      ['Label Two', 'klein bedrijf', 'PROFESSIONAL', 'proefperiode'],
      ['Label Three', 'MELLEMSTOR', 'selvbetjening', 'Opsagt'],
      ['Label Four', 'mid_market', 'enterprise', 'adoption'],
      ['Label Five', 'Huge', 'Gold', 'Asleep'],
    ]);
    const validated = await uploadAndValidate(t, h, 'accounts', 'labels.csv', file);
    expect(validated).toMatchObject({ totalRows: 5, errorRows: 1 });
    const errorsIn = async (lang: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: { ...h, 'accept-language': lang } })
      ).json().items as { field: string; code: string; message: string; params: Record<string, string> }[];
    const en = await errorsIn('en');
    expect(en.map((e) => [e.field, e.code])).toEqual([
      ['edition', 'not_a_choice'],
      ['lifecycleStage', 'not_a_choice'],
      ['segment', 'not_a_choice'],
    ]);
    const segment = en.find((e) => e.field === 'segment');
    expect(segment?.message).toBe('must be one of these: Enterprise, Mid-market (mid_market), Small business (smb)');
    const nl = await errorsIn('nl');
    expect(nl.find((e) => e.field === 'segment')?.message).toBe(
      'moet een van deze zijn: Enterprise, Middelgroot (mid_market), Klein bedrijf (smb)',
    );
    const da = await errorsIn('da');
    expect(da.find((e) => e.field === 'lifecycleStage')?.message).toContain('Prøveperiode (trial)');

    // The list filters by field and by words in the value, column or message; the CSV takes the same filters.
    const errorsWhere = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors?${query}`, headers: h })).json();
    expect((await errorsWhere('field=segment')).items.map((e: { field: string }) => e.field)).toEqual(['segment']);
    expect((await errorsWhere('field=edition,segment&order=desc')).total).toBe(2);
    expect((await errorsWhere('q=gold')).items.map((e: { field: string }) => e.field)).toEqual(['edition']);
    expect((await errorsWhere('q=nothing-like-it')).total).toBe(0);
    const errorsCsv = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors.csv?field=segment`, headers: h });
    expect(errorsCsv.body.trim().split(/\r?\n/)).toHaveLength(2);
    expect(errorsCsv.body).toContain('Huge');
    expect(errorsCsv.body).not.toContain('Gold');

    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 4 });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=Label&sort=name&pageSize=10', headers: h });
    const byName = Object.fromEntries((list.json().items as Record<string, string>[]).map((a) => [a.name, a]));
    expect(byName['Label One']).toMatchObject({ segment: 'smb', edition: 'self_service', lifecycleStage: 'at_risk' });
    expect(byName['Label Two']).toMatchObject({ segment: 'smb', edition: 'professional', lifecycleStage: 'trial' });
    expect(byName['Label Three']).toMatchObject({ segment: 'mid_market', edition: 'self_service', lifecycleStage: 'churned' });
    expect(byName['Label Four']).toMatchObject({ segment: 'mid_market', edition: 'enterprise', lifecycleStage: 'adoption' });
  });

  it('reads contact roles and languages by their labels too', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accounts = await uploadAndValidate(
      t,
      h,
      'accounts',
      'a.csv',
      csv([
        ['Name', 'Domain'],
        ['Roles Co', 'roles.example'],
      ]),
    );
    await startAndRun(t, h, accounts.id, 'all_or_nothing');
    const file = csv([
      ['First name', 'Account domain', 'Roles', 'Language'],
      ['Ann', 'roles.example', '"Beslisser; Billing"', 'Nederlands'],
      ['Bo', 'roles.example', 'Beslutningstager', 'Tysk'],
      ['Cy', 'roles.example', 'Boss', 'Klingon'],
    ]);
    const validated = await uploadAndValidate(t, h, 'contacts', 'c.csv', file);
    const errors = (
      await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: { ...h, 'accept-language': 'nl' } })
    ).json().items as { field: string; code: string; message: string }[];
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['language', 'not_a_choice'],
      ['roles', 'not_a_contact_role'],
    ]);
    expect(errors[1]?.message).toContain('Beslisser (decision_maker)');
    expect(errors[0]?.message).toContain('Duits (de)');
    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2 });
  });
});
