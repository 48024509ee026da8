export { IMPORT_ENTITIES, type TImportEntity, type TTargetField } from './imports.fields.ts';
export { importJobs } from './imports.jobs.ts';
export { registerImportRoutes } from './imports.routes.ts';
export { IMPORT_MODES, IMPORT_STATUSES, type TImport, type TImportMode, ZImport } from './imports.schemas.ts';
export { createImportService, type ImportService } from './imports.service.ts';
export { importErrors, importFiles, imports } from './imports.table.ts';
