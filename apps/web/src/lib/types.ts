import type { paths } from '@customer365/api-client';
import { valuesOf } from './enums.ts';

// Response and request shapes taken from the generated OpenAPI types, so the UI never hand-writes
// a type that can drift from the server.
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer OK }
    ? Json<OK>
    : R extends { 201: infer Created }
      ? Json<Created>
      : never
  : never;
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

export type Me = ResponseOf<'/api/v1/auth/me', 'get'>;
export type Permission = Me['permissions'][number];
export type Language = Me['user']['language'];
export type Account = ResponseOf<'/api/v1/accounts/{id}', 'get'>;
export type AccountInput = BodyOf<'/api/v1/accounts', 'post'>;
export type Contact = ResponseOf<'/api/v1/contacts/{id}', 'get'>;
export type CustomField = ResponseOf<'/api/v1/custom-fields', 'get'>['items'][number];
export type Market = ResponseOf<'/api/v1/markets', 'get'>['items'][number];
export type User = ResponseOf<'/api/v1/users', 'get'>['items'][number];
export type Segment = NonNullable<Account['segment']>;
export type Edition = NonNullable<Account['edition']>;
export type LifecycleStage = Account['lifecycleStage'];

export const SEGMENTS = valuesOf<Segment>({ enterprise: true, mid_market: true, smb: true });
export const EDITIONS = valuesOf<Edition>({ self_service: true, professional: true, enterprise: true });
export const LIFECYCLE_STAGES = valuesOf<LifecycleStage>({
  trial: true,
  onboarding: true,
  adoption: true,
  renewal: true,
  at_risk: true,
  churned: true,
});
export const UI_LANGUAGES = valuesOf<Language>({ en: true, nl: true, da: true });
export type Role = User['role'];
export const ROLES = valuesOf<Role>({
  admin: true,
  vp_cs: true,
  csm: true,
  cse: true,
  support_manager: true,
  customer_advocate: true,
  country_manager: true,
  product: true,
  marketing: true,
  read_only: true,
});
