import { newId } from '../../platform/ids.ts';
import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';
import { insertResponses, insertSurvey } from './surveys.repository.ts';

/** What customers wrote, by how they scored (the demo's answers take them in turn). */
const COMMENTS: Record<'promoter' | 'passive' | 'detractor', string[]> = {
  promoter: [
    'The lead reports save our sales team hours every week.',
    'Support answers fast and knows our set-up.',
    'The new workflow builder is exactly what we needed.',
    'Our CSM really understands our business.',
    'Easy to use, and the onboarding was smooth.',
    '',
  ],
  passive: [
    'Good product, but the Excel export could be better.',
    'Does what we need; the price went up a bit much.',
    'Fine overall, the mobile app lags behind.',
    '',
  ],
  detractor: [
    'Tender alerts arrived twice for weeks before anyone fixed it.',
    'Too expensive for what we use, we are looking at alternatives.',
    'The migration to the new platform broke our integrations.',
    'We never got the training we were promised.',
  ],
};

/**
 * The demo's answers, days before the demo's today (UTC hour 10) and their scores: 42 over nine months, mostly
 * promoters and passives, seven detractors (three in the last month, so the detractor signal and its playbook show).
 */
const ANSWERS: [days: number, score: number][] = [
  [265, 9],
  [258, 10],
  [251, 8],
  [244, 7],
  [240, 9],
  [233, 4],
  [226, 10],
  [219, 9],
  [212, 8],
  [205, 9],
  [198, 6],
  [191, 10],
  [184, 9],
  [177, 7],
  [170, 8],
  [163, 10],
  [156, 9],
  [149, 3],
  [142, 9],
  [135, 8],
  [128, 10],
  [121, 7],
  [114, 9],
  [107, 9],
  [100, 5],
  [93, 10],
  [86, 8],
  [79, 9],
  [72, 10],
  [65, 7],
  [58, 9],
  [51, 8],
  [44, 10],
  [26, 2],
  [30, 9],
  [23, 7],
  [16, 10],
  [9, 4],
  [6, 9],
  [4, 6],
  // The last days' answers, so the month the demo starts in rarely rests on a single answer.
  [2, 10],
  [1, 9],
];

const categoryOf = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

async function respondentOf(demo: TDemoContext, accountId: string) {
  const list = await demo.services.contacts.list(demo.actors.admin, { accountId, page: 1, pageSize: 5, sort: 'name', order: 'asc' });
  return list.items[0]?.id;
}

/** Answers older than this are the history kept from the survey tool used before (imported, no audit, no signal). */
const RECENT_DAYS = 31;

const daysAgo = (demo: TDemoContext, days: number, hour: number) => {
  demo.at(days, hour);
  return demo.clock.now();
};

/**
 * What the demo organisation shows of surveys: the quarterly NPS survey with 42 answers from the demo's customers'
 * contacts over nine months (the older ones imported from the survey tool used before, as history: no audit entry,
 * no signal), a CSAT survey after support requests, and a "Detractor follow-up" playbook, so the last month's
 * detractors raise their churn signal and a task for the account's owner once the worker delivers their events.
 */
export const surveysDemo: TDemoContribution = {
  async activity(demo) {
    const { services, actors, accountIds, orgId, db } = demo;
    if (!accountIds.length) return;
    const made = daysAgo(demo, 270, 9);
    const survey = (name: string, kind: 'nps' | 'csat', question: string) =>
      insertSurvey(db, { orgId, id: newId(), name, kind, question, createdByUserId: actors.vp.userId, createdAt: made, updatedAt: made });
    const nps = await survey('Quarterly NPS', 'nps', 'How likely are you to recommend us to a colleague?');
    const csat = await survey('Support satisfaction', 'csat', 'How satisfied are you with the answer to your support request?');
    const used = { promoter: 0, passive: 0, detractor: 0 };
    const answers = [];
    for (const [i, [days, score]] of ANSWERS.entries()) {
      const accountId = accountIds[(i * 7) % accountIds.length] as string;
      const kind = categoryOf(score);
      const comments = COMMENTS[kind];
      const comment = comments[used[kind]++ % comments.length] || null;
      answers.push({ days, accountId, contactId: (await respondentOf(demo, accountId)) ?? null, score, comment });
    }
    const history = answers.filter((a) => a.days > RECENT_DAYS);
    await insertResponses(
      db,
      history.map((a) => {
        const at = daysAgo(demo, a.days, 10);
        const { days: _, ...answer } = a;
        return {
          orgId,
          id: newId(),
          surveyId: nps.id,
          ...answer,
          answeredAt: at,
          source: 'import',
          sourceRef: `demo-${a.days}`,
          createdAt: at,
        };
      }),
    );
    demo.at(RECENT_DAYS + 2, 9);
    await services.playbooks.create(actors.admin, {
      name: 'Detractor follow-up',
      description: 'A customer answered a survey as a detractor: the owner calls within two days.',
      trigger: 'detractor',
      actions: [{ type: 'task', title: 'Call the detractor back', notes: null, dueInDays: 2, assignee: 'owner', priority: 'high' }],
    });
    for (const a of answers.filter((x) => x.days <= RECENT_DAYS).sort((x, y) => y.days - x.days)) {
      demo.at(a.days, 10);
      const { days: _, contactId, ...answer } = a;
      await services.surveys.record(actors.csm, nps.id, { ...answer, contactId: contactId ?? undefined });
    }
    for (const [i, [days, score]] of (
      [
        [20, 5],
        [12, 4],
        [8, 5],
        [4, 3],
      ] as const
    ).entries()) {
      demo.at(days, 15);
      await services.surveys.record(actors.admin, csat.id, {
        accountId: accountIds[(i * 5 + 1) % accountIds.length] as string,
        score,
        comment: null,
      });
    }
  },
};
