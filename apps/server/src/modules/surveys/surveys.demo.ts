import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';

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
 * The demo's answers, days before the demo's today (UTC hour 10) and their scores: about 40 over nine months, mostly
 * promoters and passives, a few detractors (four in the last weeks, so the detractor signal and its playbook show).
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
  [37, 2],
  [30, 9],
  [23, 7],
  [16, 10],
  [9, 4],
  [6, 9],
  [3, 6],
];

const categoryOf = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

async function respondentOf(demo: TDemoContext, accountId: string) {
  const list = await demo.services.contacts.list(demo.actors.admin, { accountId, page: 1, pageSize: 5, sort: 'name', order: 'asc' });
  return list.items[0]?.id;
}

/**
 * What the demo organisation shows of surveys: the quarterly NPS survey with about 40 answers from the demo's
 * customers' contacts over nine months, a CSAT survey after support requests, and a "Detractor follow-up" playbook,
 * so a detractor's answer raises its churn signal and a task for the account's owner once the worker delivers it.
 */
export const surveysDemo: TDemoContribution = {
  async activity(demo) {
    const { services, actors, accountIds, at } = demo;
    if (!accountIds.length) return;
    at(270, 9);
    await services.playbooks.create(actors.admin, {
      name: 'Detractor follow-up',
      description: 'A customer answered a survey as a detractor: the owner calls within two days.',
      trigger: 'detractor',
      actions: [{ type: 'task', title: 'Call the detractor back', notes: null, dueInDays: 2, assignee: 'owner', priority: 'high' }],
    });
    const nps = await services.surveys.create(actors.vp, {
      name: 'Quarterly NPS',
      kind: 'nps',
      question: 'How likely are you to recommend us to a colleague?',
    });
    const csat = await services.surveys.create(actors.vp, {
      name: 'Support satisfaction',
      kind: 'csat',
      question: 'How satisfied are you with the answer to your support request?',
    });
    const used = { promoter: 0, passive: 0, detractor: 0 };
    for (const [i, [days, score]] of ANSWERS.entries()) {
      const accountId = accountIds[(i * 7) % accountIds.length] as string;
      const kind = categoryOf(score);
      const comments = COMMENTS[kind];
      const comment = comments[used[kind]++ % comments.length] || null;
      at(days, 10);
      await services.surveys.record(actors.csm, nps.id, { accountId, contactId: await respondentOf(demo, accountId), score, comment });
    }
    for (const [i, [days, score]] of (
      [
        [20, 5],
        [12, 4],
        [8, 5],
        [4, 3],
      ] as const
    ).entries()) {
      at(days, 15);
      await services.surveys.record(actors.admin, csat.id, {
        accountId: accountIds[(i * 5 + 1) % accountIds.length] as string,
        score,
        comment: null,
      });
    }
  },
};
