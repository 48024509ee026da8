export { customFields } from './custom-fields.table.ts';
export {
  checkCustomValues,
  createCustomFieldService,
  loadCustomFields,
  requireValidCustomValues,
  type TCustomFieldDef,
  type TCustomFieldEntity,
} from './custom-fields.service.ts';
export { registerCustomFieldRoutes, ZCustomField } from './custom-fields.routes.ts';
