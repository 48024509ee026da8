import type { TPermission } from './permissions.ts';

/**
 * How the access-matrix and bad-input suites (apps/server/test/security/) exercise one route. Each module
 * lists its routes in `<module>.access.ts`; the suites fail when the app has a route no module describes, so
 * a new route cannot slip in untested.
 */
export type TBuiltInFixture = 'account' | 'contact' | 'interaction' | 'market' | 'user' | 'customField' | 'apiToken' | 'outbox' | 'import';
/** A fixture the suites make in each test organisation: a built-in one, or one a module's definition adds. */
export type TFixture = TBuiltInFixture | (string & {});
export type TFixtures = Record<TBuiltInFixture, string> & Record<string, string>;

/** What a module's fixture maker gets: the fixtures made so far, and a POST as the organisation's admin that returns the new id. */
export interface TFixtureMaker {
  fixtures: TFixtures;
  post(url: string, body: object): Promise<string>;
  /** A GET as the organisation's admin, its JSON answer (for an id inside what a POST made). */
  get(url: string): Promise<unknown>;
}

export interface TRouteSpec {
  /** Every permission the route needs; [] = any signed-in user. */
  permissions: TPermission[];
  /** What the `:id` path parameter names. */
  id?: TFixture;
  /** The body names fixtures by id (a bulk action on them): another organisation gets 404, as for an `:id`. */
  idsInBody?: boolean;
  /** A valid body (called once per request, so unique values stay unique). */
  body?: (f: TFixtures) => Record<string, unknown>;
  /** A valid non-JSON body (multipart uploads), with its content-type header. */
  raw?: () => { payload: Buffer; headers: Record<string, string> };
  /** What the admin gets with the fixture, when not 2xx (e.g. starting an import that was never validated). */
  adminStatus?: number;
  /** Hidden from a user limited to their own accounts when the fixture account is someone else's. */
  accountScoped?: boolean;
  /** Runs after the other routes of a phase (state-changing routes that would disturb the rest). */
  late?: number;
  /** Only with a signed-in session: any API token, whatever its scopes, gets 403. */
  sessionOnly?: boolean;
}

let n = 0;
/** A short unique suffix: bodies with unique keys (e-mail, market code, field key) stay valid on every call. */
export const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
/** A counter for bodies that need a short unique code of their own (market codes). */
export const nextSpecNumber = () => n++;
