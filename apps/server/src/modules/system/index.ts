export { systemJobs } from './system.jobs.ts';
export { registerSystemRoutes } from './system.routes.ts';
