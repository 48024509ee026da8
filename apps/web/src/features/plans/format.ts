import i18n from 'i18next';

/** An amount in a currency, in the UI language ("€ 1.990,00" in Dutch); whole amounts without cents. */
export function formatMoney(amount: number | null | undefined, currency: string, lang?: string): string {
  if (amount === null || amount === undefined) return '—';
  const whole = Number.isInteger(amount);
  return new Intl.NumberFormat(lang ?? i18n.language, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
}
