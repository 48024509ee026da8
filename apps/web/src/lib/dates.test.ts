import { describe, expect, it } from 'vitest';
import { parseDateInput } from './dates.ts';

describe('parseDateInput', () => {
  it('reads ISO dates in every language', () => {
    for (const lang of ['en', 'nl', 'da']) {
      expect(parseDateInput('2026-12-31', lang)).toBe('2026-12-31');
      expect(parseDateInput(' 2026/1/5 ', lang)).toBe('2026-01-05');
    }
  });

  it('reads day-first numbers in Dutch and Danish, with - / . or spaces', () => {
    for (const lang of ['nl', 'da']) {
      expect(parseDateInput('31-12-2026', lang)).toBe('2026-12-31');
      expect(parseDateInput('31/12/2026', lang)).toBe('2026-12-31');
      expect(parseDateInput('31.12.2026', lang)).toBe('2026-12-31');
      expect(parseDateInput('5-6-2026', lang)).toBe('2026-06-05');
      expect(parseDateInput('05/06/26', lang)).toBe('2026-06-05');
      expect(parseDateInput('31 12 2026', lang)).toBe('2026-12-31');
    }
  });

  it('reads English slashes month first, as the English UI writes dates, and dashes day first', () => {
    expect(parseDateInput('12/31/2026', 'en')).toBe('2026-12-31');
    expect(parseDateInput('05/06/2026', 'en')).toBe('2026-05-06');
    // Unambiguous: 31 can only be the day.
    expect(parseDateInput('31/12/2026', 'en')).toBe('2026-12-31');
    expect(parseDateInput('31-12-2026', 'en')).toBe('2026-12-31');
    expect(parseDateInput('05-06-2026', 'en')).toBe('2026-06-05');
  });

  it('reads month names in the UI language and in English, as the inputs display them', () => {
    expect(parseDateInput('Dec 31, 2026', 'en')).toBe('2026-12-31');
    expect(parseDateInput('31 December 2026', 'en')).toBe('2026-12-31');
    expect(parseDateInput('31 dec. 2026', 'nl')).toBe('2026-12-31');
    expect(parseDateInput('3 mrt 2026', 'nl')).toBe('2026-03-03');
    expect(parseDateInput('1 mei 2026', 'nl')).toBe('2026-05-01');
    expect(parseDateInput('31. dec. 2026', 'da')).toBe('2026-12-31');
    expect(parseDateInput('1. maj 2026', 'da')).toBe('2026-05-01');
    expect(parseDateInput('17. oktober 2026', 'da')).toBe('2026-10-17');
    expect(parseDateInput('2026 march 3', 'nl')).toBe('2026-03-03');
  });

  it('refuses what is not a whole, real date', () => {
    for (const text of ['', '31-02-2026', '31-12', '2026', '31-12-202', '13/13/2026', 'ma 2026', 'next friday', '2026-13-01']) {
      expect(parseDateInput(text, 'nl'), text).toBeNull();
    }
  });
});
