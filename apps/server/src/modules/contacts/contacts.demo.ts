import { demoSlug } from '../../platform/demo-random.ts';
import { newId } from '../../platform/ids.ts';
import type { TDemoContribution } from '../../platform/modules.ts';
import { insertContacts, type TNewContact } from './contacts.repository.ts';

/** First and last names per market of the customer. */
const NAMES = {
  NL: {
    first: [
      'Sanne',
      'Daan',
      'Lotte',
      'Bram',
      'Femke',
      'Joost',
      'Eva',
      'Ruben',
      'Anouk',
      'Thijs',
      'Marloes',
      'Pieter',
      'Iris',
      'Wouter',
      'Noor',
      'Jeroen',
    ],
    last: [
      'de Jong',
      'Jansen',
      'de Vries',
      'van den Berg',
      'Bakker',
      'Visser',
      'Smit',
      'Meijer',
      'Mulder',
      'de Boer',
      'Bos',
      'Vos',
      'Peters',
      'Hendriks',
    ],
  },
  DK: {
    first: ['Mette', 'Lars', 'Sofie', 'Mads', 'Camilla', 'Rasmus', 'Ida', 'Jens', 'Freja', 'Anders', 'Louise', 'Søren', 'Maja', 'Kasper'],
    last: [
      'Jensen',
      'Nielsen',
      'Hansen',
      'Pedersen',
      'Andersen',
      'Christensen',
      'Larsen',
      'Sørensen',
      'Rasmussen',
      'Jørgensen',
      'Madsen',
      'Kristensen',
    ],
  },
};
const JOB_TITLES = [
  'Marketing Manager',
  'Head of Sales',
  'IT Manager',
  'CFO',
  'Office Manager',
  'Procurement Lead',
  'CEO',
  'Operations Director',
  'Tender Specialist',
  'Finance Controller',
];
/** The roles of a customer's first, second … contact; any further one is a user. */
const ROLE_SETS = [['champion'], ['decision_maker'], ['billing'], ['technical', 'user'], ['executive_sponsor', 'decision_maker']];

/** Two to four people at each demo customer, and a new champion at one of them in the demo's month. */
export const contactsDemo: TDemoContribution = {
  async customer({ db, orgId, random: r }, customer) {
    const isNl = customer.marketCode === 'NL';
    const names = isNl ? NAMES.NL : NAMES.DK;
    const rows: TNewContact[] = [];
    // The count is drawn again before each contact, as it always was: the draws keep their order.
    for (let c = 0; c < r.int(2, 4); c++) {
      const firstName = r.pick(names.first);
      const lastName = r.pick(names.last);
      const id = newId();
      customer.contactIds.push(id);
      rows.push({
        id,
        accountId: customer.id,
        firstName,
        lastName,
        email: `${demoSlug(firstName)}.${demoSlug(lastName)}${c}@${customer.domain}`,
        phone: isNl
          ? `+31 6 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`
          : `+45 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
        jobTitle: r.pick(JOB_TITLES),
        roles: ROLE_SETS[c] ?? ['user'],
        language: customer.language,
        createdAt: customer.createdAt,
        updatedAt: customer.createdAt,
      });
    }
    await insertContacts(db, orgId, rows);
  },

  async month({ services, actors }) {
    // Week 2: a new champion at the second of the CSM's accounts in adoption.
    const adopting = await services.accounts.list(actors.admin, {
      page: 1,
      pageSize: 200,
      order: 'asc',
      status: 'active',
      sort: 'name',
      ownerUserId: [actors.csm.userId],
      lifecycleStage: ['adoption'],
    });
    const championAt = adopting.items[1 % Math.max(adopting.items.length, 1)];
    if (!championAt) return [];
    return [
      {
        days: 24,
        hour: 11,
        run: async () => {
          await services.contacts.create(actors.csm, championAt.id, {
            firstName: 'Sanne',
            lastName: 'Visser',
            email: `sanne.visser@${championAt.domain ?? 'example.nl'}`,
            jobTitle: 'Head of Operations',
            roles: ['champion'],
            language: 'nl',
          });
        },
      },
    ];
  },
};
