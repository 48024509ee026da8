import { describe, expect, it } from 'vitest';
import { mailState } from './mailState.ts';

describe("an e-mail's state", () => {
  it('says why a pending e-mail has not left', () => {
    expect(mailState({ status: 'pending', attempts: 0 }, false)).toBe('no_smtp');
    expect(mailState({ status: 'pending', attempts: 0 }, true)).toBe('waiting');
    expect(mailState({ status: 'pending', attempts: 2 }, true)).toBe('retrying');
    expect(mailState({ status: 'pending', attempts: 0 }, undefined)).toBe('waiting');
  });

  it('keeps sent and failed as the outbox row has them', () => {
    expect(mailState({ status: 'sent', attempts: 1 }, true)).toBe('sent');
    expect(mailState({ status: 'failed', attempts: 8 }, false)).toBe('failed');
  });
});
