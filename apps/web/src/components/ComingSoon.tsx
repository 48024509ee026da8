import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.tsx';

/** Stand-in for a page whose feature is not built yet. */
export function ComingSoon({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder p="xl">
        <Text c="dimmed">{t('common.comingSoon')}</Text>
      </Paper>
    </>
  );
}
