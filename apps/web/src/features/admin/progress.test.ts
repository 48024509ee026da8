import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressFraction, progressValue } from './progress.ts';

describe("a job's progress", () => {
  beforeAll(async () => {
    await i18n.init({ lng: 'en', resources: {} });
  });

  it('counts done of total in the UI language', async () => {
    expect(progressFraction({ processed: 1250, total: 20000 })).toEqual({ value: 6.25, label: '1,250 / 20,000' });
    await i18n.changeLanguage('nl');
    expect(progressFraction({ done: 1250, total: 20000 })?.label).toBe('1.250 / 20.000');
    expect(progressValue(12500)).toBe('12.500');
    await i18n.changeLanguage('en');
  });

  it('reads a fraction as a percentage, and text as it is', () => {
    expect(progressFraction(0.5)?.label).toBe('50%');
    expect(progressFraction('x')).toBeNull();
    expect(progressValue('ok')).toBe('ok');
  });
});
