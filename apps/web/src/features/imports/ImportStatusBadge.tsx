import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from './api.ts';

const COLORS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  validating: 'blue',
  validated: 'indigo',
  importing: 'blue',
  completed: 'teal',
  failed: 'red',
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    // max-content: a narrow table column must not cut the label short.
    <Badge variant="light" color={COLORS[status]} radius="sm" data-testid="import-status" style={{ minWidth: 'max-content' }}>
      {t(`imports.statuses.${status}`)}
    </Badge>
  );
}
