import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type { components, paths };
export type Schemas = components['schemas'];

/** The typed client for the Customer365 REST API, generated from its OpenAPI document. */
export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>(options);
}
export type ApiClient = ReturnType<typeof createApiClient>;
