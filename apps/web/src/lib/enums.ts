/**
 * The values of a union the server defines (taken from the generated contract), as a list for select
 * options and URL parsers. Every value is a key of the object, so a value the server adds and this list
 * lacks fails the type check, and so does one the server dropped:
 *
 *   export const SEGMENTS = valuesOf<Segment>({ enterprise: true, mid_market: true, smb: true });
 *
 * The order of the keys is the order people see.
 */
export function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}
