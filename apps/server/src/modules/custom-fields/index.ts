export { customFieldMessages } from './custom-fields.messages.ts';
export { loadCustomFields } from './custom-fields.repository.ts';
export { registerCustomFieldRoutes } from './custom-fields.routes.ts';
export {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type TCustomField,
  type TCustomFieldEntity,
  ZCustomField,
} from './custom-fields.schemas.ts';
export {
  type CustomFieldService,
  checkCustomValues,
  createCustomFieldService,
  requireValidCustomValues,
  type TCustomFieldDef,
} from './custom-fields.service.ts';
export { customFields } from './custom-fields.table.ts';
