import { defineModule } from '../../platform/modules.ts';
import { customFieldPermissions } from './custom-fields.permissions.ts';
import { registerCustomFieldRoutes } from './custom-fields.routes.ts';
import { createCustomFieldService } from './custom-fields.service.ts';
import { customFields } from './custom-fields.table.ts';

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

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const customFieldsModule = defineModule({
  name: 'custom-fields',
  tables: { customFields },
  permissions: customFieldPermissions,
  services: (ctx) => ({ customFields: createCustomFieldService(ctx) }),
  routes: (app, ctx) => registerCustomFieldRoutes(app, { customFields: ctx.services.customFields }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    customFields: ReturnType<typeof createCustomFieldService>;
  }
}
