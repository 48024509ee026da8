import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStrings } from '../../i18n/load.ts';
import { jobLabel } from './jobLabels.ts';

describe("a job's label", () => {
  beforeAll(async () => {
    // The strings as the app loads them: each module's job names come from its own feature.
    const [en, nl, da] = await Promise.all([loadStrings('en'), loadStrings('nl'), loadStrings('da')]);
    await i18n.init({
      lng: 'en',
      resources: { en: { translation: en }, nl: { translation: nl }, da: { translation: da } },
      interpolation: { escapeValue: false },
    });
  });

  it('names a scheduled job from the catalogue of the feature that owns it, in the UI language', async () => {
    expect(jobLabel(i18n.t, 'renewals.daily-org')).toBe('Daily renewals run of an organisation');
    expect(jobLabel(i18n.t, 'deliver-email')).toBe('E-mail delivery');
    await i18n.changeLanguage('nl');
    expect(jobLabel(i18n.t, 'health.recompute')).toBe('Gezondheidsscores herberekenen');
    await i18n.changeLanguage('en');
  });

  it("names an event's delivery by the module that handles it", async () => {
    expect(jobLabel(i18n.t, 'event:playbooks.onChurnSignal')).toBe('Event handled by Playbooks');
    expect(jobLabel(i18n.t, 'event:renewalOpportunities.closeOnSubscription')).toBe('Event handled by Renewals');
    await i18n.changeLanguage('da');
    expect(jobLabel(i18n.t, 'event:churnSignals.fromSubscription')).toBe('Hændelse behandlet af Churn-signaler');
    expect(jobLabel(i18n.t, 'churnSignals.usage')).toBe('Churn-signaler fra brug');
    await i18n.changeLanguage('en');
    // A module the catalogue does not know yet reads as words.
    expect(jobLabel(i18n.t, 'event:successPlans.onSomething')).toBe('Event handled by Success plans');
  });

  it('shows a job it cannot name by its own name', () => {
    expect(jobLabel(i18n.t, 'reports.weekly')).toBe('reports.weekly');
  });
});
