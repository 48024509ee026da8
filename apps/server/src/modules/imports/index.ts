import { defineModule } from '../../platform/modules.ts';
import { importAccessMatrix } from './imports.access.ts';
import { importsDemo } from './imports.demo.ts';
import { importJobs } from './imports.jobs.ts';
import { importMessages } from './imports.messages.ts';
import { importPermissions } from './imports.permissions.ts';
import { registerImportRoutes } from './imports.routes.ts';
import { createImportService, type ImportService } from './imports.service.ts';
import { importErrors, importFiles, imports } from './imports.table.ts';

export { DEMO_IMPORT_FILE } from './imports.demo.ts';
export { importUpload } from './imports.factory.ts';
export { IMPORT_ENTITIES, type TImportEntity, type TTargetField } from './imports.fields.ts';
export { importJobs } from './imports.jobs.ts';
export { registerImportRoutes } from './imports.routes.ts';
export { IMPORT_MODES, IMPORT_STATUSES, type TImport, type TImportMode, ZImport } from './imports.schemas.ts';
export { createImportService, type ImportService } from './imports.service.ts';
export { importErrors, importFiles, imports } from './imports.table.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const importsModule = defineModule({
  name: 'imports',
  tables: { imports, importFiles, importErrors },
  permissions: importPermissions,
  messages: importMessages,
  accessMatrix: importAccessMatrix,
  services: (ctx) => ({
    imports: createImportService({
      ...ctx,
      subscriptionImports: { subscriptions: ctx.services.subscriptions, plans: ctx.services.plans },
      accounts: ctx.services.accounts,
    }),
  }),
  routes: (app, ctx) => registerImportRoutes(app, { imports: ctx.services.imports }),
  jobs: (ctx) => importJobs({ imports: ctx.services.imports }),
  demo: importsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    imports: ImportService;
  }
}
