import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A field key as words, for keys the catalogue does not name yet: "hoursPerWeek" → "Hours per week". */
export function humanize(key: string): string {
  // Already words (a label a page made readable itself): as it is.
  if (/\s/.test(key)) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.]+/)
    .filter(Boolean)
    .map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()))
    .join(' ');
  return words ? (words[0]?.toUpperCase() ?? '') + words.slice(1) : key;
}

/** Translated labels for an audit entry's entity type, action and fields; keys added later read as words. */
export function useAuditLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      entity: (type: string) => t(`admin.audit.entities.${type}`, { defaultValue: humanize(type) }),
      action: (action: string) => t(`admin.audit.actions.${action}`, { defaultValue: humanize(action) }),
      // A key that is already words (the account history's own labels) is shown as it is.
      field: (key: string) => (/^\w+$/.test(key) ? t(`admin.audit.fields.${key}`, { defaultValue: humanize(key) }) : key),
    }),
    [t],
  );
}
