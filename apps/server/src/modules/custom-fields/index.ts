export { registerCustomFieldRoutes, ZCustomField } from './custom-fields.routes.ts';
export {
  checkCustomValues,
  createCustomFieldService,
  loadCustomFields,
  requireValidCustomValues,
  type TCustomFieldDef,
  type TCustomFieldEntity,
} from './custom-fields.service.ts';
export { customFields } from './custom-fields.table.ts';
