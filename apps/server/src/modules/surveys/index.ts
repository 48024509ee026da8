// The surveys module's public surface: other modules, app.ts, the seed and other tests import only this.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import { surveysAccessFixtures, surveysAccessMatrix } from './surveys.access.ts';
import { surveysDemo } from './surveys.demo.ts';
import { surveysMessages } from './surveys.messages.ts';
import { surveysPermissions } from './surveys.permissions.ts';
import { surveyMeasureProvider } from './surveys.provider.ts';
import { registerSurveyRoutes } from './surveys.routes.ts';
import { createSurveyService, type SurveyService } from './surveys.service.ts';
import { surveyResponses, surveys } from './surveys.table.ts';

export type { TSurveyAnsweredEvent } from './surveys.events.ts';
export { makeSurvey, makeSurveyResponse, surveyCsvUpload } from './surveys.factory.ts';
export { categoryOf, tallyScores } from './surveys.nps.ts';
export { type TSurvey, type TSurveyResponse, ZSurvey } from './surveys.schemas.ts';
export { type SurveyService, toSurveyDto } from './surveys.service.ts';
export { surveyResponses, surveys };

/**
 * An answer older than this when its event is delivered (an imported history, a backlog) raises no signal: it is
 * the past, not news, and a follow-up task for it would come months late.
 */
const SIGNAL_MAX_AGE_DAYS = 90;

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const surveysModule = defineModule({
  name: 'surveys',
  tables: { surveys, surveyResponses },
  permissions: surveysPermissions,
  messages: surveysMessages,
  accessMatrix: surveysAccessMatrix,
  accessFixtures: surveysAccessFixtures,
  services: (ctx) => {
    // After health in the module list: "latest NPS answer" and "account NPS" join the scorecard editor and the scores.
    ctx.services.health.registerMeasureProvider(surveyMeasureProvider);
    return { surveys: createSurveyService({ ...ctx, accounts: ctx.services.accounts }) };
  },
  routes: (app, ctx) => registerSurveyRoutes(app, { surveys: ctx.services.surveys }),
  // A detractor's answer is a churn signal (on the timeline; playbooks' `detractor` trigger follows it), once per
  // answer: the signal's source is the answer, so a redelivered event raises nothing twice.
  subscribers: (ctx) => [
    subscribe('survey.answered', 'surveys.detractorSignal', async (e, meta) => {
      if (e.category !== 'detractor') return;
      const answered = new Date(e.answeredAt);
      const delivered = Math.max(new Date(meta.occurredAt).getTime(), ctx.clock.now().getTime());
      if (delivered - answered.getTime() > SIGNAL_MAX_AGE_DAYS * 86_400_000) return;
      await ctx.db.transaction((tx) =>
        ctx.services.churnSignals.raise(tx, meta.orgId, {
          accountId: e.accountId,
          kind: 'detractor',
          occurredAt: answered,
          details: { responseId: e.responseId, surveyId: e.surveyId, surveyKind: e.kind, score: e.score, contactId: e.contactId },
          sourceRef: `survey_response:${e.responseId}`,
        }),
      );
    }),
  ],
  demo: surveysDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    surveys: SurveyService;
  }
}
