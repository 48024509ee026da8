import { z } from 'zod';
import { zInt, zText } from '../../platform/http/schemas.ts';
import { customFieldMessages as m } from './custom-fields.messages.ts';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export const CUSTOM_FIELD_ENTITIES = ['account', 'contact'] as const;
export type TCustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export type TCustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const ZCustomField = z.object({
  id: z.uuid(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  required: z.boolean(),
  showInList: z.boolean(),
  position: z.int(),
});
export type TCustomField = z.infer<typeof ZCustomField>;
export const ZCustomFieldList = z.object({ items: z.array(ZCustomField) });
export const ZCustomFieldListQuery = z.object({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() });

const editable = {
  label: zText(100),
  options: z.array(zText(100)).max(200).optional(),
  required: z.boolean().optional(),
  showInList: z.boolean().optional(),
  position: zInt(0, 10_000).optional(),
};

export const ZCreateCustomFieldRequest = z.strictObject({
  ...editable,
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, m.key_format.code),
  type: z.enum(CUSTOM_FIELD_TYPES),
});
export const ZUpdateCustomFieldRequest = z.strictObject({ ...editable, label: zText(100).optional() });
export type TCustomFieldInput = z.infer<typeof ZCreateCustomFieldRequest>;
export type TUpdateCustomField = z.infer<typeof ZUpdateCustomFieldRequest>;
