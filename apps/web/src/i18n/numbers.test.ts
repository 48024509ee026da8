import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { numbersFormatter } from './numbers.ts';

async function make(lng: string) {
  const i = i18next.createInstance();
  await i.use(numbersFormatter).init({
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false, alwaysFormat: true },
    resources: {
      [lng]: {
        translation: {
          of: '{{done}} / {{total}}',
          accounts_one: '{{count}} account',
          accounts_other: '{{count}} accounts',
          year: 'Renewal rate {{year}}',
          request: 'Request #{{number}}',
          name: 'Hello {{name}}',
        },
      },
    },
  });
  return i;
}

describe('numbers in strings', () => {
  it('are printed in the UI language: 1,250 in English, 1.250 in Dutch and Danish', async () => {
    expect((await make('en')).t('of', { done: 1250, total: 20000 })).toBe('1,250 / 20,000');
    expect((await make('nl')).t('of', { done: 1250, total: 20000 })).toBe('1.250 / 20.000');
    expect((await make('da')).t('accounts', { count: 2500.5 })).toBe('2.500,5 accounts');
  });

  it('keep choosing the plural form by the number', async () => {
    const en = await make('en');
    expect(en.t('accounts', { count: 1 })).toBe('1 account');
    expect(en.t('accounts', { count: 1000 })).toBe('1,000 accounts');
  });

  it('leave years, reference numbers and text as they are', async () => {
    const nl = await make('nl');
    expect(nl.t('year', { year: 2026 })).toBe('Renewal rate 2026');
    expect(nl.t('request', { number: 1042 })).toBe('Request #1042');
    expect(nl.t('name', { name: 'Ada' })).toBe('Hello Ada');
  });
});
