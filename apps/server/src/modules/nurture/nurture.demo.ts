import type { TDemoContribution } from '../../platform/modules.ts';
import { DEFAULT_PROGRAMME } from './nurture.emails.ts';

const l = (en: string, nl: string, da: string) => ({ en, nl, da });

/** Three weekly tips for the mid-market: the demo's running programme. */
const STEPS = [
  { weekOffset: 0, subject: DEFAULT_PROGRAMME.steps[0]?.subject ?? l('', '', ''), body: DEFAULT_PROGRAMME.steps[0]?.body ?? l('', '', '') },
  {
    weekOffset: 2,
    subject: l(
      'Three reports {accountName} will want',
      'Drie rapporten die {accountName} wil hebben',
      'Tre rapporter {accountName} vil have',
    ),
    body: l(
      'Hello {firstName},\n\nThe reports our customers open most: the weekly overview, the team dashboard and the renewal forecast. Each takes two minutes to set up.\n\nKind regards,\n{organisationName}',
      'Hallo {firstName},\n\nDe rapporten die onze klanten het meest openen: het weekoverzicht, het teamdashboard en de verlengingsprognose. Elk is in twee minuten ingesteld.\n\nMet vriendelijke groet,\n{organisationName}',
      'Hej {firstName},\n\nDe rapporter vores kunder åbner mest: ugeoversigten, team-dashboardet og fornyelsesprognosen. Hver tager to minutter at sætte op.\n\nVenlig hilsen\n{organisationName}',
    ),
  },
  {
    weekOffset: 4,
    subject: l('Automate one routine, {firstName}', 'Automatiseer één routine, {firstName}', 'Automatisér én rutine, {firstName}'),
    body: l(
      'Hello {firstName},\n\nPick the task your team repeats every week and let it run by itself. Your customer success manager is glad to help.\n\nKind regards,\n{organisationName}',
      'Hallo {firstName},\n\nKies de taak die uw team elke week herhaalt en laat die vanzelf lopen. Uw customer success manager helpt graag.\n\nMet vriendelijke groet,\n{organisationName}',
      'Hej {firstName},\n\nVælg den opgave, dit team gentager hver uge, og lad den køre af sig selv. Jeres customer success manager hjælper gerne.\n\nVenlig hilsen\n{organisationName}',
    ),
  },
];

/**
 * What the demo organisation shows of nurture: the "Onboarding tips" draft every organisation has, and a running
 * programme for the mid-market started five weeks ago under a small allowance (12 an hour, one run a day), first for
 * the champions and widened to every mid-market contact twelve days ago, so its contacts stand at different steps; a few unsubscribed from the link in their e-mail.
 */
export const nurtureDemo: TDemoContribution = {
  async activity({ services, actors, at, orgId }) {
    const svc = services.nurture;
    const sender = services.nurtureSender;
    at(36, 9);
    await svc.list(actors.vp); // the organisation's defaults, as a first visit makes them
    await svc.updateSettings(actors.admin, { maxPerWindow: 12, window: 'hour' });
    // First the champions; twelve days ago marketing widened it to every mid-market contact, who joined that day.
    const audience = {
      segment: 'mid_market' as const,
      edition: null,
      marketId: null,
      lifecycleStage: null,
      contactRole: 'champion' as const,
    };
    const programme = await svc.create(actors.vp, { name: 'Getting more from the product', audience, steps: STEPS });
    await svc.update(actors.vp, programme.id, { status: 'running' });
    let sends = 0;
    for (let days = 35; days >= 1; days--) {
      at(days, 10);
      if (days === 12) await svc.update(actors.vp, programme.id, { audience: { ...audience, contactRole: null } });
      sends += (await sender.sendDue(orgId)).sent;
      // A few people unsubscribe from the link in an e-mail they got.
      if (days % 9 === 4) {
        const page = await svc.contacts(actors.vp, programme.id, {
          page: 1,
          pageSize: 50,
          sort: 'enrolledAt',
          order: 'asc',
          state: ['active'],
        });
        const who = page.items.filter((c) => c.stepsSent > 0)[days % 5];
        if (who) await sender.unsubscribe(orgId, who.contactId, programme.id);
      }
    }
    void sends;
  },
};
