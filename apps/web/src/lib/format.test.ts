import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format.ts';

describe('dates in the UI language', () => {
  // Midday UTC, so the day is the same in every time zone the tests run in.
  const at = '2026-12-31T12:05:00Z';

  it('prints a date the way each UI language writes it', () => {
    expect(formatDate(at, 'en')).toBe('Dec 31, 2026');
    expect(formatDate(at, 'nl')).toBe('31 dec 2026');
    expect(formatDate(at, 'da')).toBe('31. dec. 2026');
    expect(formatDate(null, 'nl')).toBe('—');
  });

  it('prints the time in 24 hours in Dutch and Danish, with AM/PM in English', () => {
    expect(formatDateTime(at, 'en')).toMatch(/^Dec 31, 2026 \d{1,2}:05 [AP]M$/);
    expect(formatDateTime(at, 'nl')).toMatch(/^31 dec 2026 \d{2}:05$/);
    expect(formatDateTime(at, 'da')).toMatch(/^31\. dec\. 2026 \d{2}:05$/);
  });
});
