import { accountsFeature } from './accounts/index.ts';
import { adminFeature } from './admin/index.ts';
import { adoptionFeature } from './adoption/index.ts';
import { authFeature } from './auth/index.ts';
import { capacityPlansFeature } from './capacity-plans/index.ts';
import { churnSignalsFeature } from './churn-signals/index.ts';
import { competitorsFeature } from './competitors/index.ts';
import { contactsFeature } from './contacts/index.ts';
import { dashboardFeature } from './dashboard/index.ts';
import { healthFeature } from './health/index.ts';
import { importsFeature } from './imports/index.ts';
import { journeysFeature } from './journeys/index.ts';
import { notificationsFeature } from './notifications/index.ts';
import { nurtureFeature } from './nurture/index.ts';
import { plansFeature } from './plans/index.ts';
import { playbooksFeature } from './playbooks/index.ts';
import { quotesFeature } from './quotes/index.ts';
import { renewalOpportunitiesFeature } from './renewal-opportunities/index.ts';
import { renewalsFeature } from './renewals/index.ts';
import { revenueFeature } from './revenue/index.ts';
import { subscriptionsFeature } from './subscriptions/index.ts';
import { successPlansFeature } from './success-plans/index.ts';
import { supportFeature } from './support/index.ts';
import { surveysFeature } from './surveys/index.ts';
import { tasksFeature } from './tasks/index.ts';
import { upsellCandidatesFeature } from './upsell-candidates/index.ts';
import { usageFeature } from './usage/index.ts';

/**
 * Every feature of the web UI. The router, the left navigation (in this order within each group) and
 * the strings are assembled from this list: a new feature is one folder with an index.ts and one entry here.
 */
export const FEATURES = [
  authFeature,
  dashboardFeature,
  revenueFeature,
  accountsFeature,
  subscriptionsFeature,
  upsellCandidatesFeature,
  healthFeature,
  contactsFeature,
  importsFeature,
  plansFeature,
  competitorsFeature,
  adminFeature,
  usageFeature,
  adoptionFeature,
  churnSignalsFeature,
  renewalsFeature,
  tasksFeature,
  renewalOpportunitiesFeature,
  notificationsFeature,
  journeysFeature,
  supportFeature,
  playbooksFeature,
  nurtureFeature,
  successPlansFeature,
  capacityPlansFeature,
  quotesFeature,
  surveysFeature,
] as const;
