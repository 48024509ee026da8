import type { paths } from '@customer365/api-client';

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
export type AccountQuery = QueryOf<'/api/v1/accounts', 'get'>;
export type AccountSort = NonNullable<AccountQuery['sort']>;
export type Contact = ResponseOf<'/api/v1/contacts/{id}', 'get'>;
export type ContactInput = BodyOf<'/api/v1/accounts/{id}/contacts', 'post'>;
export type ContactRole = Contact['roles'][number];
export type ContactSort = NonNullable<QueryOf<'/api/v1/contacts', 'get'>['sort']>;
export type Interaction = ResponseOf<'/api/v1/accounts/{id}/timeline', 'get'>['items'][number];
export type InteractionInput = BodyOf<'/api/v1/accounts/{id}/interactions', 'post'>;
export type InteractionKind = Interaction['kind'];
export type AuditEntry = ResponseOf<'/api/v1/audit-log', 'get'>['items'][number];
export type CustomField = ResponseOf<'/api/v1/custom-fields', 'get'>['items'][number];
export type Market = ResponseOf<'/api/v1/markets', 'get'>['items'][number];
export type User = ResponseOf<'/api/v1/users', 'get'>['items'][number];
export type Segment = NonNullable<Account['segment']>;
export type Edition = NonNullable<Account['edition']>;
export type LifecycleStage = Account['lifecycleStage'];

export const SEGMENTS: readonly Segment[] = ['enterprise', 'mid_market', 'smb'];
export const EDITIONS: readonly Edition[] = ['self_service', 'professional', 'enterprise'];
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['trial', 'onboarding', 'adoption', 'renewal', 'at_risk', 'churned'];
export const CONTACT_ROLES: readonly ContactRole[] = ['champion', 'decision_maker', 'billing', 'technical', 'user', 'executive_sponsor'];
export const INTERACTION_KINDS: readonly InteractionKind[] = ['note', 'call', 'email', 'meeting', 'chat', 'support_request'];
export const CONTACT_LANGUAGES = ['en', 'nl', 'da', 'de', 'fr', 'sv', 'no', 'fi', 'es', 'it'] as const;
export const UI_LANGUAGES: readonly Language[] = ['en', 'nl', 'da'];
