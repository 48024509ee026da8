// The custom-fields module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { customFieldAccessMatrix } from './custom-fields.access.ts';
import { customFieldsDemo } from './custom-fields.demo.ts';
import { customFieldMessages } from './custom-fields.messages.ts';
import { customFieldPermissions } from './custom-fields.permissions.ts';
import { registerCustomFieldRoutes } from './custom-fields.routes.ts';
import { type CustomFieldService, createCustomFieldService } from './custom-fields.service.ts';
import { customFields } from './custom-fields.table.ts';

export { makeCustomField } from './custom-fields.factory.ts';
export { loadCustomFields } from './custom-fields.repository.ts';
export {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type TCustomField,
  type TCustomFieldEntity,
  ZCustomField,
} from './custom-fields.schemas.ts';
export { type CustomFieldService, checkCustomValues, requireValidCustomValues, type TCustomFieldDef } from './custom-fields.service.ts';
export { customFieldMessages, customFields };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const customFieldsModule = defineModule({
  name: 'custom-fields',
  tables: { customFields },
  permissions: customFieldPermissions,
  messages: customFieldMessages,
  accessMatrix: customFieldAccessMatrix,
  services: (ctx) => ({ customFields: createCustomFieldService(ctx) }),
  routes: (app, ctx) => registerCustomFieldRoutes(app, { customFields: ctx.services.customFields }),
  demo: customFieldsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    customFields: CustomFieldService;
  }
}
