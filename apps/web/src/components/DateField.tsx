import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseDateInput } from '../lib/dates.ts';

/**
 * Mantine's DateInput that reads typed dates the way the UI language writes them (31-12-2026 in Dutch
 * and Danish, ISO everywhere; see lib/dates.ts) and shows them as "31 dec. 2026".
 */
export function DateField(props: DateInputProps) {
  const { i18n } = useTranslation();
  return (
    <DateInput
      valueFormat="ll"
      placeholder={i18n.language === 'en' ? 'MM/DD/YYYY' : i18n.language === 'da' ? 'DD.MM.ÅÅÅÅ' : 'DD-MM-JJJJ'}
      dateParser={(text) => parseDateInput(text, i18n.language)}
      {...props}
    />
  );
}
