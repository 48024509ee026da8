import { Alert, Button, Group, Text } from '@mantine/core';
import { IconFileImport, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { importQuery } from './api.ts';

/**
 * Above a list narrowed to what one import wrote ("Open accounts" after an import): which file, and a way
 * back to the whole list. Someone who may not see imports still gets the notice, without the file name.
 */
export function ImportFilterNotice({ importId, onClear }: { importId: string; onClear: () => void }) {
  const { t } = useTranslation();
  const canSeeImports = useCan('import:run');
  const imp = useQuery({ ...importQuery(importId), enabled: canSeeImports });
  return (
    <Alert color="blue" variant="light" icon={<IconFileImport size={16} />} mb="sm" py="xs" data-testid="import-filter">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          {imp.data ? t(`imports.filter.${imp.data.entity}`, { fileName: imp.data.fileName }) : t('imports.filter.unnamed')}
        </Text>
        <Button size="compact-sm" variant="default" leftSection={<IconX size={14} />} onClick={onClear} data-testid="import-filter-clear">
          {t('imports.filter.clear')}
        </Button>
      </Group>
    </Alert>
  );
}
