import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, runJobs, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makePlaybook } from '../playbooks/index.ts';
import { tasks } from '../tasks/index.ts';
import { makeSurvey, makeSurveyResponse, surveyCsvUpload } from './surveys.factory.ts';
import { surveyMeasureProvider } from './surveys.provider.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const post = (h: H, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: h, payload });
const get = (h: H, url: string) => t.app.inject({ method: 'GET', url, headers: h });
/** A statement on the test database, either driver. */
const exec = async (text: string, params: unknown[]) =>
  t.database.pool ? await t.database.pool.query(text, params) : await t.database.pglite?.query(text, params);

describe('surveys', () => {
  it('records answers by API and by hand: a contact’s answer is on its account; 400 naming the field; sourceRef once', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Acme' });
    const other = await makeAccount(t.app, h, { name: 'Other' });
    const contact = await makeContact(t.app, h, account.id, { firstName: 'Ada', lastName: 'Lovelace' });
    const nps = await makeSurvey(t.app, h);
    const csat = await makeSurvey(t.app, h, { name: 'Support CSAT', kind: 'csat' });

    const answer = await makeSurveyResponse(t.app, h, nps.id, { contactId: contact.id, score: 9, comment: 'Great', sourceRef: 'tool-1' });
    expect(answer).toMatchObject({
      accountId: account.id,
      accountName: 'Acme',
      contactName: 'Ada Lovelace',
      category: 'promoter',
      source: 'manual',
    });
    // The same sourceRef again: the stored answer, nothing new.
    const again = await makeSurveyResponse(t.app, h, nps.id, { contactId: contact.id, score: 3, sourceRef: 'tool-1' });
    expect(again).toMatchObject({ id: answer.id, score: 9 });

    const bad: [string, object, string][] = [
      [csat.id, { accountId: account.id, score: 9 }, 'score'], // CSAT is 1–5
      [csat.id, { accountId: account.id, score: 0 }, 'score'],
      [nps.id, { accountId: account.id, score: 11 }, 'score'],
      [nps.id, { accountId: account.id, score: 7.5 }, 'score'],
      [nps.id, { score: 7 }, 'accountId'],
      [nps.id, { accountId: other.id, contactId: contact.id, score: 7 }, 'contactId'],
      [nps.id, { accountId: account.id, score: 7, answeredAt: '2027-01-01T00:00:00Z' }, 'answeredAt'],
      [nps.id, { accountId: account.id, score: 7, mood: 'happy' }, 'mood'],
    ];
    for (const [surveyId, payload, field] of bad) {
      const res = await post({ ...h, 'accept-language': 'nl' }, `/api/v1/surveys/${surveyId}/responses`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().details[0].field).toBe(field);
    }
    expect((await post(h, '/api/v1/surveys', { name: 'x', kind: 'ces' })).json().details[0].field).toBe('kind');
    expect((await get(h, '/api/v1/surveys/responses')).json().total).toBe(1);
    // Another organisation's survey is not found; a reader may not record.
    expect((await post((await createTestOrg(t, 'B')).admin.headers, `/api/v1/surveys/${nps.id}/responses`, { score: 9 })).statusCode).toBe(
      404,
    );
    expect(
      (await post((await org.as('read_only')).headers, `/api/v1/surveys/${nps.id}/responses`, { accountId: account.id, score: 9 }))
        .statusCode,
    ).toBe(403);
  });

  it('lists answers with filters, sort, paging and CSV; surveys with their NPS; a limited user sees their accounts only', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const limited = await org.as('csm', { ownAccountsOnly: true });
    const mine = await makeAccount(t.app, h, { name: 'Beta', ownerUserId: limited.userId, segment: 'smb' });
    const alpha = await makeAccount(t.app, h, { name: 'Alpha', segment: 'enterprise' });
    const nps = await makeSurvey(t.app, h);
    const at = (d: string) => `${d}T10:00:00Z`;
    for (const [accountId, score, day, comment] of [
      [mine.id, 10, '2026-09-03', 'Love it'],
      [mine.id, 4, '2026-10-05', 'Too slow'],
      [alpha.id, 8, '2026-10-07', null],
      [alpha.id, 9, '2026-11-02', 'Support is quick'],
    ] as const)
      await makeSurveyResponse(t.app, h, nps.id, { accountId, score, answeredAt: at(day), comment });
    const list = async (q: string, headers = h) => (await get(headers, `/api/v1/surveys/responses?${q}`)).json();
    const scores = async (q: string, headers = h) => (await list(q, headers)).items.map((i: { score: number }) => i.score);
    expect(await scores('sort=answeredAt&order=asc')).toEqual([10, 4, 8, 9]);
    expect(await scores('sort=score&order=desc&pageSize=2&page=2')).toEqual([8, 4]);
    expect(await scores('category=detractor')).toEqual([4]);
    expect(await scores('category=promoter&sort=account&order=asc')).toEqual([9, 10]);
    expect(await scores(`accountId=${alpha.id}&from=2026-10-07&to=2026-10-07`)).toEqual([8]);
    expect(await scores('q=quick')).toEqual([9]);
    expect(await scores('sort=score&order=asc', limited.headers)).toEqual([4, 10]);
    expect((await get(h, '/api/v1/surveys/responses?category=angry')).json().details[0].field).toBe('category');

    const csv = csvRows((await get(h, '/api/v1/surveys/responses/export.csv?sort=score&order=asc')).body);
    expect(csv[0]).toEqual(['id', 'survey', 'account_id', 'account', 'contact', 'score', 'category', 'comment', 'answered_at', 'source']);
    expect(csv.slice(1).map((r) => [r[3], r[5], r[6]])).toEqual([
      ['Beta', '4', 'detractor'],
      ['Alpha', '8', 'passive'],
      ['Alpha', '9', 'promoter'],
      ['Beta', '10', 'promoter'],
    ]);

    // The survey's figure: 2 promoters, 1 passive, 1 detractor of 4 → NPS 25; the limited user's: (1 − 1) / 2 → 0.
    const surveys = (await get(h, '/api/v1/surveys')).json();
    expect(surveys.items[0]).toMatchObject({ name: 'Quarterly NPS', respondents: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
    expect((await get(limited.headers, '/api/v1/surveys')).json().items[0]).toMatchObject({ respondents: 2, score: 0 });
    expect(csvRows((await get(h, '/api/v1/surveys/export.csv')).body)[1]?.slice(1, 8)).toEqual([
      'Quarterly NPS',
      'nps',
      '4',
      '2',
      '1',
      '1',
      '25',
    ]);

    const report = (await get(h, `/api/v1/surveys/${nps.id}/report?from=2026-09-01&to=2026-11-30`)).json();
    expect(report.overall).toMatchObject({ respondents: 4, score: 25 });
    expect(report.trend.map((m: { month: string; score: number }) => [m.month, m.score])).toEqual([
      ['2026-09', 100],
      ['2026-10', -50],
      ['2026-11', 100],
    ]);
    // Trailing three months: November reads September to November, all four answers.
    expect(report.trend.at(-1).trailing).toMatchObject({ respondents: 4, score: 25 });
    expect(report.bySegment.map((s: { segment: string; score: number }) => [s.segment, s.score])).toEqual([
      ['enterprise', 50],
      ['smb', 0],
    ]);
    const smb = (await get(h, `/api/v1/surveys/${nps.id}/report?from=2026-09-01&segment=smb`)).json();
    expect(smb.overall).toMatchObject({ respondents: 2, promoters: 1, detractors: 1, score: 0 });
    expect((await get(h, `/api/v1/surveys/${nps.id}/report?from=2026-12-01&to=2026-11-01`)).json().details[0].field).toBe('from');
  });

  it('imports answers from CSV by contact e-mail or account, lists refused rows, and records nothing twice', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acme = await makeAccount(t.app, h, { name: 'Acme', externalId: 'CRM-1' });
    await makeAccount(t.app, h, { name: 'Globex' });
    const ada = await makeContact(t.app, h, acme.id, { firstName: 'Ada', email: 'ada@acme.example' });
    const nps = await makeSurvey(t.app, h);
    const file = [
      'Response ID,Email,Account,"How likely (0-10)?",Comment,Submitted at',
      'r1,ADA@acme.example,,9,Great,2026-11-01 10:00',
      'r2,,crm-1,3,"Slow, buggy",2026-11-02',
      'r3,,globex,7,,',
      'r4,,Nobody Inc,8,,2026-11-03',
      'r5,,Acme,12,,2026-11-03',
      'r6,,Acme,5,,yesterday',
    ].join('\n');
    const upload = surveyCsvUpload(file);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${nps.id}/responses/import`,
      headers: { ...h, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: 6, recorded: 3, duplicates: 0, rejectedCount: 3 });
    expect(res.json().rejected.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [5, 'account'],
      [6, 'score'],
      [7, 'answered_at'],
    ]);
    const items = (await get(h, '/api/v1/surveys/responses?sort=score&order=asc')).json().items;
    expect(
      items.map((i: { accountName: string; contactId: string | null; score: number; source: string }) => [
        i.accountName,
        i.score,
        i.contactId,
        i.source,
      ]),
    ).toEqual([
      ['Acme', 3, null, 'import'],
      ['Globex', 7, null, 'import'],
      ['Acme', 9, ada.id, 'import'],
    ]);
    const again = surveyCsvUpload(file);
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${nps.id}/responses/import`,
      headers: { ...h, ...again.headers },
      payload: again.payload,
    });
    expect(second.json()).toMatchObject({ received: 6, recorded: 0, duplicates: 3 });
    const noScore = surveyCsvUpload('account,comment\nAcme,hi\n');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${nps.id}/responses/import`,
      headers: { ...h, ...noScore.headers },
      payload: noScore.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0]).toMatchObject({ field: 'file', code: 'survey_csv_missing_column' });
  });

  it('a detractor raises the detractor churn signal (on the timeline) and the detractor playbook’s task, once; history raises none', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Unhappy', ownerUserId: org.admin.userId });
    await makePlaybook(t.app, h, {
      name: 'Detractor follow-up',
      trigger: 'detractor',
      actions: [{ type: 'task', title: 'Call the detractor back', notes: null, dueInDays: 2, assignee: 'owner', priority: 'high' }],
    });
    const nps = await makeSurvey(t.app, h);
    const detractor = await makeSurveyResponse(t.app, h, nps.id, { accountId: account.id, score: 2, comment: 'Too many bugs' });
    await makeSurveyResponse(t.app, h, nps.id, { accountId: account.id, score: 7 }); // a passive raises nothing
    // Nor an answer from more than 90 days ago (history, not news).
    await makeSurveyResponse(t.app, h, nps.id, { accountId: account.id, score: 0, answeredAt: '2026-06-01T10:00:00Z' });
    await runJobs(t);
    // The event delivered again (a worker that died after its work): nothing new.
    await exec("update jobs set status = 'queued', finished_at = null where org_id = $1 and name like 'event:survey.answered%'", [
      org.orgId,
    ]);
    await runJobs(t);

    const signals = (await get(h, `/api/v1/accounts/${account.id}/churn-signals`)).json().items;
    expect(
      signals.map((s: { kind: string; details: { responseId: string; score: number } }) => [s.kind, s.details.responseId, s.details.score]),
    ).toEqual([['detractor', detractor.id, 2]]);
    const timeline = (await get(h, `/api/v1/accounts/${account.id}/timeline`)).json().items;
    expect(timeline.filter((e: { subject: string }) => e.subject === 'Churn signal: a detractor answered')).toHaveLength(1);
    const made = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.orgId, org.orgId), eq(tasks.source, 'playbook')));
    // Once, whatever else the account's creation started (the onboarding preset's kick-off).
    expect(made.filter((x) => x.title === 'Call the detractor back').map((x) => x.accountId)).toEqual([account.id]);
  });

  it('offers health the latest NPS answer and the account NPS over 180 days, as of each account’s day; missing without answers', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const [a, b, none] = [await makeAccount(t.app, h), await makeAccount(t.app, h), await makeAccount(t.app, h)];
    const nps = await makeSurvey(t.app, h);
    const csat = await makeSurvey(t.app, h, { name: 'CSAT', kind: 'csat' });
    await makeSurveyResponse(t.app, h, nps.id, { accountId: a.id, score: 3, answeredAt: '2026-01-10T10:00:00Z' }); // outside 180 days
    await makeSurveyResponse(t.app, h, nps.id, { accountId: a.id, score: 10, answeredAt: '2026-10-01T10:00:00Z' });
    await makeSurveyResponse(t.app, h, nps.id, { accountId: a.id, score: 6, answeredAt: '2026-11-01T10:00:00Z' });
    await makeSurveyResponse(t.app, h, csat.id, { accountId: b.id, score: 5 }); // CSAT is no NPS answer
    const scope = {
      orgId: org.orgId,
      accountIds: [a.id, b.id, none.id, a.id],
      asOf: ['2026-11-21', '2026-11-21', '2026-11-21', '2026-10-15'],
    };
    // The same account twice with two days reads as the last; read it alone for the earlier day.
    const today = await surveyMeasureProvider.read(
      t.db,
      { ...scope, accountIds: scope.accountIds.slice(0, 3), asOf: scope.asOf.slice(0, 3) },
      ['surveys.latest_nps', 'surveys.account_nps'],
    );
    expect(Object.fromEntries(today.get('surveys.latest_nps') ?? [])).toEqual({ [a.id]: { value: 6, observedOn: '2026-11-01' } });
    expect(today.get('surveys.account_nps')?.get(a.id)?.value).toBe(0);
    const earlier = await surveyMeasureProvider.read(t.db, { orgId: org.orgId, accountIds: [a.id], asOf: ['2026-10-15'] }, [
      'surveys.latest_nps',
      'surveys.account_nps',
    ]);
    expect(earlier.get('surveys.latest_nps')?.get(a.id)?.value).toBe(10);
    expect(earlier.get('surveys.account_nps')?.get(a.id)?.value).toBe(100);
    const measures = (await get(h, '/api/v1/health/measures')).json();
    expect(JSON.stringify(measures)).toContain('surveys.latest_nps');
  });
});
