import { Button, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { useListState } from '../../components/list/listState.ts';
import { ResponseFormModal } from './ResponseFormModal.tsx';
import { type ResponseFilters, ResponsesTable } from './ResponsesTable.tsx';
import type { ResponseSort } from './types.ts';

/** The account page's Surveys tab: the account's answers to every survey (filter, sort, page, CSV); record one. */
export function AccountSurveysTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const canRecord = useCan('survey_response:write');
  const [opened, modal] = useDisclosure();
  const controls = useListState<ResponseFilters, ResponseSort>({ sort: 'answeredAt', order: 'desc', filters: {}, pageSize: 25 });
  return (
    <Stack gap="sm">
      {canRecord ? (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={modal.open} data-testid="account-record-response">
            {t('survey.response.new')}
          </Button>
        </Group>
      ) : null}
      <ResponsesTable controls={controls} fixed={{ accountId }} testId="account-responses-table" />
      <ResponseFormModal opened={opened} onClose={modal.close} accountId={accountId} />
    </Stack>
  );
}
