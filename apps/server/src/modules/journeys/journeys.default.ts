import type { TStoredMilestone } from './journeys.table.ts';

/** The languages the default journey is written in (the organisation's default language picks one; others get English). */
export type TJourneyLang = 'en' | 'nl' | 'da';
type L<T> = Record<TJourneyLang, T>;

/** A milestone's plan (the same in every language) and its words in each. */
interface TDefaultMilestone {
  key: string;
  week: number;
  durationWeeks: number;
  responsibleRole: string;
  effort: 'low' | 'medium' | 'high';
  name: L<string>;
  checklist: L<string[]>;
  successCriteria: L<string>;
}

const DESCRIPTION: L<string> = {
  en: 'The year from one renewal to the next: onboarding, adoption, achievement and renewal.',
  nl: 'Het jaar van de ene verlenging tot de volgende: onboarding, ingebruikname, resultaten en verlenging.',
  da: 'Året fra den ene fornyelse til den næste: onboarding, ibrugtagning, resultater og fornyelse.',
};

/**
 * The documents' onboarding-and-renewal year (seeds 003/004: "Customer365 is a 365 day plan that identifies the
 * interactions with customers from one renewal to the next"), in the three languages of the product. The keys stay
 * English in all three: playbooks and reports name milestones by key.
 */
const MILESTONES: TDefaultMilestone[] = [
  {
    key: 'technical_setup',
    week: 1,
    durationWeeks: 1,
    responsibleRole: 'cse',
    effort: 'high',
    name: { en: 'Technical set-up', nl: 'Technische inrichting', da: 'Teknisk opsætning' },
    checklist: {
      en: ['Blog migrated', 'CRM integrated', 'Website code deployed'],
      nl: ['Blog overgezet', 'CRM gekoppeld', 'Code op de website geplaatst'],
      da: ['Blog flyttet', 'CRM integreret', 'Kode indsat på websitet'],
    },
    successCriteria: {
      en: 'The product is connected to the customer’s website and CRM.',
      nl: 'Het product is gekoppeld aan de website en het CRM van de klant.',
      da: 'Produktet er koblet på kundens website og CRM.',
    },
  },
  {
    key: 'active',
    week: 4,
    durationWeeks: 3,
    responsibleRole: 'csm',
    effort: 'medium',
    name: { en: 'Active', nl: 'Actief', da: 'Aktiv' },
    checklist: {
      en: ['New leads flowing', '1st workflow live', '1st blog post live'],
      nl: ['Nieuwe leads komen binnen', 'Eerste workflow live', 'Eerste blogbericht online'],
      da: ['Nye leads kommer ind', 'Første workflow kører', 'Første blogindlæg udgivet'],
    },
    successCriteria: {
      en: 'Leads flow in and the first workflow runs.',
      nl: 'Er komen leads binnen en de eerste workflow draait.',
      da: 'Der kommer leads ind, og det første workflow kører.',
    },
  },
  {
    key: 'initial_value',
    week: 8,
    durationWeeks: 4,
    responsibleRole: 'csm',
    effort: 'medium',
    name: { en: 'Initial value', nl: 'Eerste resultaten', da: 'Første værdi' },
    checklist: {
      en: ['Build attribution report', 'Complete month of stats'],
      nl: ['Attributierapport opgezet', 'Een volledige maand statistieken'],
      da: ['Attributionsrapport bygget', 'En hel måneds statistik'],
    },
    successCriteria: {
      en: 'A full month of statistics and an attribution report the customer agrees with.',
      nl: 'Een volledige maand statistieken en een attributierapport waar de klant het mee eens is.',
      da: 'En hel måneds statistik og en attributionsrapport, som kunden er enig i.',
    },
  },
  {
    key: 'full_speed',
    week: 10,
    durationWeeks: 2,
    responsibleRole: 'csm',
    effort: 'medium',
    name: { en: 'Full speed', nl: 'Op volle toeren', da: 'Fuld fart' },
    checklist: {
      en: ['Email campaign sent', 'Lead nurture active', 'Social monitoring active'],
      nl: ['E-mailcampagne verstuurd', 'Leadnurturing actief', 'Monitoring van sociale media actief'],
      da: ['E-mailkampagne sendt', 'Lead nurturing aktiv', 'Overvågning af sociale medier aktiv'],
    },
    successCriteria: {
      en: 'Every channel the customer bought is in use.',
      nl: 'Elk kanaal dat de klant heeft gekocht, is in gebruik.',
      da: 'Alle de kanaler, kunden har købt, er i brug.',
    },
  },
  {
    key: 'achievement',
    week: 52,
    durationWeeks: 41,
    responsibleRole: 'csm',
    effort: 'low',
    name: { en: 'Achievement', nl: 'Doelen behaald', da: 'Målene nået' },
    checklist: {
      en: ['% lead goal achieved', '% new sales goal achieved'],
      nl: ['% van het leaddoel behaald', '% van het doel voor nieuwe verkoop behaald'],
      da: ['% af leadmålet nået', '% af målet for nysalg nået'],
    },
    successCriteria: {
      en: 'The customer reaches the lead and new-sales goals of their success plan.',
      nl: 'De klant haalt de doelen voor leads en nieuwe verkoop uit zijn succesplan.',
      da: 'Kunden når målene for leads og nysalg i sin succesplan.',
    },
  },
  {
    key: 'renewal',
    week: 52,
    durationWeeks: 13,
    responsibleRole: 'vp_cs',
    effort: 'medium',
    name: { en: 'Renewal', nl: 'Verlenging', da: 'Fornyelse' },
    checklist: {
      en: ['Renewal conversation 90 days out', 'Renewal quote sent', 'Renewal signed'],
      nl: ['Verlengingsgesprek 90 dagen vooraf', 'Offerte voor de verlenging verstuurd', 'Verlenging getekend'],
      da: ['Samtale om fornyelse 90 dage før', 'Tilbud på fornyelse sendt', 'Fornyelse underskrevet'],
    },
    successCriteria: {
      en: 'The subscription is renewed before its term ends.',
      nl: 'Het abonnement is verlengd voordat de looptijd afloopt.',
      da: 'Abonnementet er fornyet, inden perioden udløber.',
    },
  },
];

export const asJourneyLang = (lang: string | null | undefined): TJourneyLang => (lang === 'nl' || lang === 'da' ? lang : 'en');

/** The default "Customer365" journey in one language, as a template and its first version store it. */
export function defaultJourney(lang: TJourneyLang) {
  return {
    name: 'Customer365',
    description: DESCRIPTION[lang],
    triggers: ['subscription_start', 'renewal'] as string[],
    milestones: MILESTONES.map(
      (m): TStoredMilestone => ({
        key: m.key,
        name: m.name[lang],
        week: m.week,
        durationWeeks: m.durationWeeks,
        checklist: m.checklist[lang],
        successCriteria: m.successCriteria[lang],
        responsibleRole: m.responsibleRole,
        effort: m.effort,
      }),
    ),
  };
}
