import dayjs from 'dayjs';
import i18n from 'i18next';

/** Date in the UI language (dayjs follows i18next's language), or a dash. */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('ll') : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('lll') : '—';
}

export function formatRelative(value: string): string {
  return dayjs(value).fromNow();
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(i18n.language).format(value);
}

/** A custom field value as text; dates stored as YYYY-MM-DD are shown in the UI language. */
export function formatCustomValue(type: 'text' | 'number' | 'date' | 'choice', value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (type === 'number' && typeof value === 'number') return formatNumber(value);
  if (type === 'date' && typeof value === 'string') return formatDate(value);
  return String(value);
}
