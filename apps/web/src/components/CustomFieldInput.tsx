import { NumberInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { numberSeparators } from '../lib/format.ts';
import type { CustomField } from '../lib/types.ts';
import { DateField } from './DateField.tsx';

export type CustomValue = string | number | null;

/** One admin-defined field, rendered by its type: text, number, date (YYYY-MM-DD) or choice. */
export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: CustomValue | undefined;
  onChange: (value: CustomValue) => void;
  error?: string;
}) {
  const { i18n } = useTranslation();
  const common = { label: field.label, required: field.required, error, 'data-testid': `custom-${field.key}` };
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
          {...numberSeparators(i18n.language)}
        />
      );
    case 'date':
      return (
        <DateField
          {...common}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
          clearable
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={field.options}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
          clearable={!field.required}
        />
      );
    default:
      return (
        <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value || null)} />
      );
  }
}
