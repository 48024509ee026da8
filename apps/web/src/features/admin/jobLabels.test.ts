import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeStrings, type Strings } from '../../i18n/bundles.ts';
import churnDa from '../churn-signals/i18n/da.json';
import healthNl from '../health/i18n/nl.json';
import renewalsEn from '../renewal-opportunities/i18n/en.json';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { jobLabel } from './jobLabels.ts';

// As the app merges them: the admin feature's strings under "admin", each module's job names in its own feature.
const merged = (admin: Strings, other: Strings) =>
  mergeStrings({}, [
    { name: 'admin', strings: { admin } },
    { name: 'other', strings: other },
  ]);

describe("a job's label", () => {
  beforeAll(async () => {
    await i18n.init({
      lng: 'en',
      resources: {
        en: { translation: merged(en, renewalsEn) },
        nl: { translation: merged(nl, healthNl) },
        da: { translation: merged(da, churnDa) },
      },
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
