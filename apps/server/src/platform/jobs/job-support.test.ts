import { describe, expect, it } from 'vitest';
import { clientSafeMessage } from './job-support.ts';

describe('clientSafeMessage', () => {
  it('keeps the driver message of a wrapped query error and drops the SQL and its parameters', () => {
    const wrapped = Object.assign(new Error('Failed query: insert into "accounts" values ($1)\nparams: secret-value'), {
      cause: new Error('duplicate key value violates unique constraint'),
    });
    expect(clientSafeMessage(wrapped)).toBe('duplicate key value violates unique constraint');
    expect(clientSafeMessage(new Error('Failed query: select 1\nparams: secret'))).toBe('A database query failed');
    expect(clientSafeMessage(new Error('SMTP refused'))).toBe('SMTP refused');
  });
});
