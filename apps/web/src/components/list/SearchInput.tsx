import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The search box of every list: searches once typing pauses, and shows the list's current words when
 * they change from outside (back button, "Clear filters").
 */
export function SearchInput(props: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text triggers a search
  useEffect(() => {
    if (debounced.trim() !== value) onChange(debounced.trim());
  }, [debounced]);
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  return (
    <TextInput
      w={props.width ?? 260}
      leftSection={<IconSearch size={16} />}
      placeholder={props.placeholder}
      aria-label={t('common.search')}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      data-testid={props.testId}
    />
  );
}
