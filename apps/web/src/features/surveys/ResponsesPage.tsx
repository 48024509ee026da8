import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { urlListControls } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ResponseFormModal } from './ResponseFormModal.tsx';
import { ResponsesTable } from './ResponsesTable.tsx';
import type { ResponsesSearch } from './search.ts';

const route = getRouteApi('/app/surveys/responses');

/** Every survey answer the user may see: filters, sort, paging and CSV kept in the URL; record one by hand. */
export function ResponsesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/surveys/responses' });
  const canRecord = useCan('survey_response:write');
  const [opened, modal] = useDisclosure();
  const controls = urlListControls(
    search,
    (changes: Partial<ResponsesSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    {
      sort: 'answeredAt',
      order: 'desc',
      filters: {},
    },
  );
  return (
    <>
      <PageHeader
        title={t('survey.response.title')}
        actions={
          canRecord ? (
            <Button leftSection={<IconPlus size={16} />} onClick={modal.open} data-testid="record-response">
              {t('survey.response.new')}
            </Button>
          ) : null
        }
      />
      <ResponsesTable controls={controls} />
      <ResponseFormModal opened={opened} onClose={modal.close} />
    </>
  );
}
