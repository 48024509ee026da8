import type { TDemoContribution } from '../../platform/modules.ts';
import type { TPlanFeatureInput, TPlanPrice } from './plans.schemas.ts';

/** [key, name, group, description] */
const FEATURES: [string, string, string, string][] = [
  ['marketing.contacts', 'Marketing contacts', 'Marketing', 'Contacts you can e-mail and track'],
  ['marketing.email', 'E-mail campaigns', 'Marketing', 'Design, send and test e-mail campaigns'],
  ['marketing.landing_pages', 'Landing pages', 'Marketing', 'Pages and forms that capture leads'],
  ['marketing.blog', 'Blog', 'Marketing', 'Blog hosting with SEO suggestions'],
  ['marketing.social', 'Social monitoring', 'Marketing', 'Follow and answer mentions on social networks'],
  ['automation.workflows', 'Workflows', 'Automation', 'Automated sequences triggered by what contacts do'],
  ['automation.nurture', 'Lead nurturing', 'Automation', 'Multi-step nurture tracks per buyer persona'],
  ['automation.scoring', 'Lead scoring', 'Automation', 'Scores leads on fit and behaviour'],
  ['crm.integration', 'CRM integration', 'CRM and integrations', 'Two-way sync with HubSpot and Salesforce'],
  ['crm.api', 'API access', 'CRM and integrations', 'REST API calls per day'],
  ['crm.sso', 'Single sign-on', 'CRM and integrations', 'SAML single sign-on'],
  ['reporting.attribution', 'Attribution reports', 'Reporting and support', 'Which campaigns brought the customers'],
  ['reporting.goals', 'Lead and sales goals', 'Reporting and support', 'Goals per month with progress'],
  ['support.level', 'Support', 'Reporting and support', 'How and when we help'],
  ['account.users', 'Users', 'Reporting and support', 'Named users included in the plan'],
];

/** Per plan: feature key → [limit, note, key feature]; a missing key is "not included". */
type TGrid = Record<string, [number | null, string | null, boolean]>;
const SELF: TGrid = {
  'marketing.contacts': [1000, null, true],
  'marketing.email': [null, null, true],
  'marketing.landing_pages': [5, null, false],
  'marketing.blog': [null, null, false],
  'automation.workflows': [3, null, true],
  'reporting.goals': [null, null, false],
  'support.level': [null, 'E-mail', false],
  // As the plan's included users and limit say (the comparison shows both above the grid).
  'account.users': [null, '3 included, up to 5', false],
};
const PRO: TGrid = {
  ...SELF,
  'marketing.contacts': [10000, null, true],
  'marketing.landing_pages': [null, null, false],
  'marketing.social': [null, null, true],
  'automation.workflows': [50, null, true],
  'automation.nurture': [null, null, true],
  'automation.scoring': [null, 'Basic', false],
  'crm.integration': [null, null, true],
  'crm.api': [10000, null, false],
  'reporting.attribution': [null, null, true],
  'reporting.goals': [null, null, true],
  'support.level': [null, 'E-mail and phone, business hours', false],
  'account.users': [null, '10 included, up to 25', false],
};
const ENT: TGrid = {
  ...PRO,
  'marketing.contacts': [100000, null, true],
  'automation.workflows': [null, null, true],
  'automation.scoring': [null, null, true],
  'crm.api': [100000, null, false],
  'crm.sso': [null, null, false],
  'support.level': [null, '24/7, with a named CSM', false],
  'account.users': [null, '25 included, no limit', false],
};
const TRIAL: TGrid = { ...PRO, 'marketing.contacts': [1000, null, true], 'account.users': [3, null, false] };

/** EUR and USD, monthly and yearly (a year costs ten months). */
const prices = (eur: number, usd: number, extra: TPlanPrice[] = []): TPlanPrice[] => [
  { currency: 'EUR', intervalMonths: 1, amount: eur },
  { currency: 'EUR', intervalMonths: 12, amount: eur * 10 },
  { currency: 'USD', intervalMonths: 1, amount: usd },
  { currency: 'USD', intervalMonths: 12, amount: usd * 10 },
  ...extra,
];

/**
 * The demo catalogue: the Customer365 editions, extra users and Professional Services, with the plan codes
 * the subscriptions demo uses (SELF, PRO, ENT, TRIAL, SEATS, PS), set up by the VP of customer success. An edition
 * includes users and allows up to a limit (Self-service 3 of at most 5, Professional 10 of at most 25); extra users
 * add one each, so an account near its edition's limit is an upsell candidate.
 */
export const plansDemo: TDemoContribution = {
  async activity({ services, actors, at }) {
    const svc = services.plans;
    const vp = actors.vp;
    at(34, 9);
    const featureIds = new Map<string, string>();
    let order = 0;
    for (const [key, name, groupName, description] of FEATURES) {
      const f = await svc.createFeature(vp, { key, name, groupName, description, sortOrder: order++ });
      featureIds.set(key, f.id);
    }
    const grid = (g: TGrid): TPlanFeatureInput[] =>
      Object.entries(g).map(([key, [limitValue, note, isKey]]) => ({ featureId: featureIds.get(key) ?? '', limitValue, note, isKey }));

    const suite = await svc.createProduct(vp, {
      name: 'Customer365',
      kind: 'edition',
      description: 'The marketing automation platform, in three editions',
      sortOrder: 1,
    });
    const seats = await svc.createProduct(vp, {
      name: 'Extra users',
      kind: 'addon',
      description: 'Users beyond those an edition includes',
      sortOrder: 2,
    });
    const services_ = await svc.createProduct(vp, {
      name: 'Professional Services',
      kind: 'service',
      description: 'Implementation, training and success packages',
      sortOrder: 3,
    });
    const per = 'Priced per account; a year costs ten months.';
    const plans = [
      {
        productId: suite.id,
        code: 'TRIAL',
        name: 'Free trial',
        tier: 0,
        isFree: true,
        trialDays: 14,
        includedUnits: 3,
        maxUnits: 3,
        description: 'Professional for 14 days, up to 1,000 contacts and 3 users; no card needed.',
        prices: prices(0, 0),
        features: grid(TRIAL),
      },
      {
        productId: suite.id,
        code: 'SELF',
        name: 'Self-service',
        tier: 1,
        edition: 'self_service' as const,
        includedUnits: 3,
        maxUnits: 5,
        description: `E-mail marketing and simple workflows for small teams. ${per}`,
        prices: prices(49, 55),
        features: grid(SELF),
      },
      {
        productId: suite.id,
        code: 'PRO',
        name: 'Professional',
        tier: 2,
        edition: 'professional' as const,
        includedUnits: 10,
        maxUnits: 25,
        description: `Automation, CRM integration and attribution for growing marketing teams. ${per}`,
        prices: prices(199, 219),
        features: grid(PRO),
      },
      {
        productId: suite.id,
        code: 'ENT',
        name: 'Enterprise',
        tier: 3,
        edition: 'enterprise' as const,
        includedUnits: 25,
        description: `Unlimited workflows and users, single sign-on and 24/7 support. ${per} Three-year terms at 10% off.`,
        prices: prices(599, 659, [
          { currency: 'EUR', intervalMonths: 36, amount: 16170 },
          { currency: 'USD', intervalMonths: 36, amount: 17790 },
        ]),
        features: grid(ENT),
      },
      {
        productId: seats.id,
        code: 'SEATS',
        name: 'Extra user',
        tier: 0,
        includedUnits: 1,
        description: 'One more named user on any edition. Priced per user (seat).',
        prices: prices(15, 17),
      },
      {
        productId: services_.id,
        code: 'PS',
        name: 'Success package',
        tier: 0,
        description:
          'A yearly success package: onboarding workshops, a quarterly business review and 40 consultancy hours. Priced per account, usually billed yearly.',
        prices: prices(450, 495),
      },
    ];
    for (const plan of plans) await svc.create(vp, plan);
  },
};
