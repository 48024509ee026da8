import type { TAction, TCondition, TTrigger } from './playbooks.schemas.ts';

/** The five playbooks every organisation starts with (made the first time it needs them; each can be edited or switched off). */
export interface TPreset {
  preset: string;
  name: string;
  description: string;
  trigger: TTrigger;
  triggerParams: { days?: number; threshold?: number };
  conditions: TCondition[];
  actions: TAction[];
}

const ownerMail = (subject: [string, string, string], body: [string, string, string]): TAction => ({
  type: 'email',
  to: 'owner',
  subject: { en: subject[0], nl: subject[1], da: subject[2] },
  body: { en: body[0], nl: body[1], da: body[2] },
});

export const PRESETS: readonly TPreset[] = [
  {
    preset: 'onboarding',
    name: 'Onboarding',
    // No journey here: journeys start themselves from the subscription (dated by the contract, none for a customer
    // imported years in); a playbook that starts one on the account's creation is one action away.
    description: 'A new account: its owner plans the kick-off.',
    trigger: 'account_created',
    triggerParams: {},
    conditions: [],
    actions: [
      { type: 'task', title: 'Plan the kick-off call', notes: null, dueInDays: 3, assignee: 'owner', priority: 'normal' },
      ownerMail(
        ['New account: {account}', 'Nieuw account: {account}', 'Ny konto: {account}'],
        [
          'Hello {name},\n\n{account} is a new customer. Plan the kick-off call this week.\n\n{link}',
          'Hallo {name},\n\n{account} is een nieuwe klant. Plan deze week de kick-off.\n\n{link}',
          'Hej {name},\n\n{account} er en ny kunde. Planlæg kick-off-mødet i denne uge.\n\n{link}',
        ],
      ),
    ],
  },
  {
    preset: 'poor_health',
    name: 'Poor health',
    description: 'The health score turned red: the owner makes a recovery plan within two days.',
    trigger: 'health_red',
    triggerParams: {},
    conditions: [],
    actions: [
      { type: 'task', title: 'Health turned red: make a recovery plan', notes: null, dueInDays: 2, assignee: 'owner', priority: 'high' },
      ownerMail(
        ['Health turned red: {account}', 'Health is rood: {account}', 'Sundhed er rød: {account}'],
        [
          'Hello {name},\n\nThe health score of {account} turned red. Look at what changed and make a recovery plan.\n\n{link}',
          'Hallo {name},\n\nDe health score van {account} is rood geworden. Kijk wat er veranderde en maak een herstelplan.\n\n{link}',
          'Hej {name},\n\nSundhedsscoren for {account} er blevet rød. Se hvad der har ændret sig, og lav en genopretningsplan.\n\n{link}',
        ],
      ),
    ],
  },
  {
    preset: 'low_activity',
    name: 'Low activity',
    description: 'No usage for 14 days: the owner checks in with the customer.',
    trigger: 'low_activity',
    triggerParams: { days: 14 },
    conditions: [],
    actions: [
      { type: 'task', title: 'Low activity: check in with the customer', notes: null, dueInDays: 5, assignee: 'owner', priority: 'normal' },
    ],
  },
  {
    preset: 'renewal_90',
    name: 'Renewal at 90 days',
    // No e-mail: the renewal's own reminders already tell the owner at 90 days.
    description: 'Ninety days before a renewal: the owner prepares it.',
    trigger: 'renewal_days_out',
    triggerParams: { days: 90 },
    conditions: [],
    actions: [{ type: 'task', title: 'Prepare the renewal', notes: null, dueInDays: 14, assignee: 'owner', priority: 'normal' }],
  },
  {
    preset: 'win_back',
    name: 'Win-back',
    description: 'A downgrade or a cancellation request: the owner calls within two days.',
    trigger: 'downgrade_or_cancel',
    triggerParams: {},
    conditions: [],
    actions: [
      { type: 'task', title: 'Win-back call', notes: null, dueInDays: 2, assignee: 'owner', priority: 'high' },
      ownerMail(
        ['Downgrade or cancellation: {account}', 'Downgrade of opzegging: {account}', 'Nedgradering eller opsigelse: {account}'],
        [
          'Hello {name},\n\n{account} downgraded or asked to cancel. Call them within two days to understand why.\n\n{link}',
          'Hallo {name},\n\n{account} heeft gedowngraded of wil opzeggen. Bel binnen twee dagen om te begrijpen waarom.\n\n{link}',
          'Hej {name},\n\n{account} har nedgraderet eller bedt om opsigelse. Ring inden for to dage for at forstå hvorfor.\n\n{link}',
        ],
      ),
    ],
  },
];
