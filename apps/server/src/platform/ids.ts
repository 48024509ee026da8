import { type SQL, sql } from 'drizzle-orm';
import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7): unique across instances and friendly to B-tree indexes. */
export const newId = (): string => v7();

/**
 * Ids for the rows of one INSERT … SELECT, made by the database from one new id and each row's number `n` (1, 2, …,
 * e.g. `row_number() over ()`): its first 12 bytes (time, counter, random) and the row's number in the last 4. As
 * unique and time-ordered as newId's, and nearly free per row (gen_random_uuid() for 100k rows is not).
 */
export const rowIdSql = (n: SQL) => sql`(${newId().slice(0, 28)}::text || lpad(to_hex(${n}), 8, '0'))::uuid`;

/** Ids as one PostgreSQL array literal (one parameter, however many ids), for `= any(…::uuid[])` or `unnest(…::uuid[])`. */
export const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;
