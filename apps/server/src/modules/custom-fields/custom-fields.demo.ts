import { newId } from '../../platform/ids.ts';
import type { TDemoContribution } from '../../platform/modules.ts';
import { insertCustomField } from './custom-fields.repository.ts';
import type { TCustomFieldEntity } from './custom-fields.schemas.ts';

/** [entity, key, label, type, choices, shown in lists] — the accounts' demo fills the account fields. */
const FIELDS: [TCustomFieldEntity, string, string, string, string[] | null, boolean][] = [
  ['account', 'legacy_platform', 'Legacy platform (REP) customer', 'choice', ['Yes', 'No'], true],
  ['account', 'upgrade_track', 'Upgrade track', 'choice', ['Basic', 'Intermediate', 'Advanced', 'Without interference'], true],
  ['account', 'contract_end', 'Contract end', 'date', null, true],
  ['account', 'last_nps', 'Last NPS score', 'number', null, true],
  ['contact', 'linkedin', 'LinkedIn profile', 'text', null, false],
];

/** The fields the demo organisation added to accounts and contacts. */
export const customFieldsDemo: TDemoContribution = {
  async base({ db, orgId, now }) {
    const position = new Map<string, number>();
    for (const [entity, key, label, type, options, showInList] of FIELDS) {
      position.set(entity, (position.get(entity) ?? 0) + 1);
      await insertCustomField(db, orgId, {
        id: newId(),
        entity,
        key,
        label,
        type,
        options: options ?? [],
        position: position.get(entity),
        showInList,
        createdAt: now,
      });
    }
  },
};
