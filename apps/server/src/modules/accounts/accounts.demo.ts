import type { Actor } from '../../platform/access/access.ts';
import { demoSlug } from '../../platform/demo-random.ts';
import { newId } from '../../platform/ids.ts';
import type { TDemoContext, TDemoContribution, TDemoStep } from '../../platform/modules.ts';
import { findMarketIdsByCode, insertAccount } from './accounts.repository.ts';
import type { TAccountListQuery } from './accounts.schemas.ts';

/** Realistic names for the demo's customers: Dutch and Danish customers of a SaaS company. */
const NL_COMPANIES = [
  'Van der Berg Installatietechniek',
  'Bakker Logistiek',
  'Jansen & De Vries Advocaten',
  'Groene Hart Zorggroep',
  'Hollandse Bouwunie',
  'Rijnmond Havendiensten',
  'De Kleine Brouwerij',
  'Utrechtse Woningstichting',
  'Zeeland Aquacultuur',
  'Noorderlicht Energie',
  'Brabantse Metaalwerken',
  'Amstel Media Groep',
  'Veluwe Recreatie',
  'Friesland Zuivelcoöperatie',
  'Stadsbank Haarlem',
  'Delfts Ingenieursbureau',
  'Limburg Mijnbouw Consult',
  'Maas & Waal Transport',
  'Eindhoven Sensor Systems',
  'Gouda Kaashandel',
  'Twente Textiel',
  'Leidse Onderwijsgroep',
  'Dordrecht Scheepswerf',
  'Nijmegen Medisch Centrum',
  'Alkmaar Bloemenveiling',
  'Zwolle Facilitair',
  'Arnhem Kunstacademie',
  'Tilburg Retail Partners',
  'Groningen Gasunie Services',
  'Breda Catering',
  'Almere Smart City',
  'Haags Bouwadvies',
  'Rotterdamse Architecten',
  'Hoorn Jachtbouw',
  'Enschede Robotics',
  'Den Bosch Accountants',
  'Apeldoorn Verzekeringen',
  'Deventer Uitgeverij',
  'Maastricht Congrescentrum',
  'Venlo Agrofood',
  'Schiedam Distilleerderij',
  'Leeuwarden Watertechnologie',
  'Hilversum Broadcast',
  'Amersfoort ICT Diensten',
  'Zaandam Cacao',
  'Vlaardingen Visserij',
  'Emmen Kunststoffen',
  'Helmond Automotive',
  'Purmerend Zorg',
  'Katwijk Kustbeheer',
] as const;

const DK_COMPANIES = [
  'Nordhavn Logistik',
  'Aarhus Vindkraft',
  'Odense Robotteknik',
  'Fyns Mejeri',
  'Københavns Arkitekter',
  'Aalborg Cement Service',
  'Jysk Byggemarked Partner',
  'Esbjerg Offshore',
  'Roskilde Festivaltjenester',
  'Vejle Møbelfabrik',
  'Horsens Fødevarer',
  'Randers Regnskov Drift',
  'Kolding Design',
  'Silkeborg Papir',
  'Herning Tekstil',
  'Helsingør Værft',
  'Svendborg Søfart',
  'Viborg Landbrugsrådgivning',
  'Holstebro Maskinfabrik',
  'Næstved Medico',
  'Frederikshavn Fiskeri',
  'Skagen Turisme',
  'Hillerød Hospitalsdrift',
  'Greve Entreprise',
  'Taastrup Biotek',
  'Ballerup Software',
  'Lyngby Ingeniørhus',
  'Gentofte Advokater',
  'Valby Bryggeri',
  'Amager Energi',
] as const;

const DAY = 24 * 3600_000;
/** Who owns the customers of each market (the Dutch CSM also looks after some Danish ones). */
const OWNERS = {
  NL: ['csm@demo.customer365.test', 'vp@demo.customer365.test', 'cse@demo.customer365.test'],
  DK: ['csm.dk@demo.customer365.test', 'csm@demo.customer365.test'],
};

/** The active accounts `who` owns (at `stage`), by name: what a person's own list shows. */
async function demoAccountsOf(demo: TDemoContext, who: Actor, stage?: TAccountListQuery['lifecycleStage']) {
  const q: TAccountListQuery = { page: 1, pageSize: 200, order: 'asc', status: 'active', sort: 'name', ownerUserId: [who.userId] };
  return (await demo.services.accounts.list(demo.actors.admin, stage ? { ...q, lifecycleStage: stage } : q)).items;
}
const pick = <T>(xs: T[], i: number): T | undefined => xs[i % Math.max(xs.length, 1)];

/**
 * The demo's customers, as they stood before the demo's month (up to two and a half years old, with their
 * segment, edition, stage, owner, tags and custom fields), and the month's account work: a handover, an
 * onboarding finished, an account at risk and one lost.
 */
export const accountsDemo: TDemoContribution = {
  async *customers({ db, orgId, now, random: r, people }) {
    const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
    const marketIds = await findMarketIdsByCode(db, orgId);
    const uid = (email: string) => people.get(email)?.userId ?? null;
    const owners = { NL: OWNERS.NL.map(uid), DK: OWNERS.DK.map(uid) };
    const all = [...NL_COMPANIES.map((n) => ['NL', n] as const), ...DK_COMPANIES.map((n) => ['DK', n] as const)];
    for (const [i, [country, name]] of all.entries()) {
      const id = newId();
      const isNl = country === 'NL';
      // The draws keep their order: every later draw of the demo depends on it.
      const segment = r.pick(['enterprise', 'mid_market', 'mid_market', 'smb', 'smb', 'smb'] as const);
      const edition =
        segment === 'enterprise'
          ? 'enterprise'
          : segment === 'mid_market'
            ? r.pick(['professional', 'enterprise'] as const)
            : r.pick(['self_service', 'professional'] as const);
      const lifecycleStage = r.pick(['onboarding', 'adoption', 'adoption', 'adoption', 'renewal', 'at_risk', 'trial'] as const);
      const domain = `${demoSlug(name)}.${isNl ? 'nl' : 'dk'}`;
      const createdAt = daysAgo(r.int(30, 900));
      const contractEnd = new Date(now.getTime() + r.int(-20, 360) * DAY).toISOString().slice(0, 10);
      const ownerUserId = r.pick(isNl ? owners.NL : owners.DK);
      const tags = [
        r.next() < 0.3 ? 'pilot-candidate' : null,
        r.next() < 0.2 ? 'high-nps' : null,
        r.next() < 0.15 ? 'early-adopter' : null,
      ].filter((t): t is string => !!t);
      const employees = segment === 'enterprise' ? r.int(500, 5000) : segment === 'mid_market' ? r.int(100, 499) : r.int(5, 99);
      const custom = {
        legacy_platform: r.next() < 0.7 ? 'Yes' : 'No',
        upgrade_track: r.pick(['Basic', 'Intermediate', 'Advanced', 'Without interference']),
        contract_end: contractEnd,
        last_nps: r.int(0, 10),
      };
      await insertAccount(db, {
        orgId,
        id,
        name,
        domain,
        externalId: `HS-${String(100_000 + i * 37).padStart(6, '0')}`,
        marketId: marketIds.get(country) ?? null,
        segment,
        edition,
        lifecycleStage,
        ownerUserId,
        tags,
        employees,
        website: `https://www.${domain}`,
        custom,
        createdAt,
        updatedAt: createdAt,
      });
      yield { id, name, domain, marketCode: country, language: isNl ? 'nl' : 'da', createdAt, contactIds: [] };
    }
  },

  async month(demo) {
    const { services } = demo;
    const { vp, csm, cse } = demo.actors;
    const handover = pick(await demoAccountsOf(demo, cse), 0);
    const onboarded = pick(await demoAccountsOf(demo, csm, ['onboarding']), 0);
    const atRisk = pick(await demoAccountsOf(demo, csm, ['adoption']), 3);
    const lost = pick(await demoAccountsOf(demo, vp, ['renewal']), 0) ?? pick(await demoAccountsOf(demo, vp), 2);
    const steps: TDemoStep[] = [];
    // Week 1: a handover from the customer success engineer to the CSM.
    if (handover)
      steps.push({
        days: 31,
        hour: 14,
        run: async () => {
          await services.accounts.update(vp, handover.id, {
            ownerUserId: csm.userId,
            notes: 'Handed over to the CSM after go-live; the CSE stays involved for the API integration.',
          });
        },
      });
    // Week 2: onboarding done for one account.
    if (onboarded)
      steps.push({
        days: 26,
        hour: 10,
        run: async () => {
          await services.accounts.update(csm, onboarded.id, {
            lifecycleStage: 'adoption',
            tags: [...new Set([...onboarded.tags, 'early-adopter'])],
          });
        },
      });
    // Week 4: one account at risk, one lost.
    if (atRisk)
      steps.push({
        days: 6,
        hour: 15,
        run: async () => {
          await services.accounts.update(csm, atRisk.id, {
            lifecycleStage: 'at_risk',
            notes: 'Champion left in October; usage down by half since. Executive sponsor meeting planned.',
          });
        },
      });
    if (lost)
      steps.push({
        days: 4,
        hour: 16,
        run: async () => {
          await services.accounts.update(vp, lost.id, { lifecycleStage: 'churned', notes: 'Did not renew: moved to an in-house system.' });
          await services.accounts.setArchived(vp, lost.id, true);
        },
      });
    return steps;
  },
};
