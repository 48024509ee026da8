import { describe, expect, it } from 'vitest';
import { columnOfParameter, failedParameter } from './bound-parameter.ts';

describe('data exceptions about a bound value', () => {
  it('reads the parameter from the error context', () => {
    expect(failedParameter("unnamed portal parameter $3 = '...'")).toBe(3);
    expect(failedParameter('JSON data, line 1: {bad\nunnamed portal parameter $12')).toBe(12);
    expect(failedParameter(undefined)).toBeNull();
    expect(failedParameter('SQL function "f" statement 1')).toBeNull();
  });

  it('finds the column a parameter was meant for', () => {
    const insert =
      'insert into "accounts" ("org_id", "id", "name", "domain", "employees", "created_at") values ($1, $2, $3, default, $4, $5), ($6, $7, $8, default, $9, $10)';
    expect(columnOfParameter(insert, 3)).toBe('name');
    expect(columnOfParameter(insert, 4)).toBe('employees');
    expect(columnOfParameter(insert, 9)).toBe('employees');
    expect(columnOfParameter(insert, 1)).toBe('org_id');
    expect(columnOfParameter('update "accounts" set "employees" = $1, "name" = $12 where "accounts"."id" = $2', 2)).toBe('id');
    expect(columnOfParameter('update "accounts" set "employees" = $1, "name" = $12 where "accounts"."id" = $2', 1)).toBe('employees');
    expect(columnOfParameter('select * from accounts where id = $1', 1)).toBe('id');
    expect(columnOfParameter('select $1::int', 1)).toBeNull();
    expect(columnOfParameter('select * from unnest($1::uuid[]) as r(id)', 1)).toBeNull();
  });
});
