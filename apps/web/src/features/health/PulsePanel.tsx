import { Button, Group, NumberInput, Pagination, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { DateField } from '../../components/DateField.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { healthKeys } from './queryKeys.ts';
import type { AccountHealth } from './types.ts';

/** Pulses per page of the history below the form. */
const PULSES_PAGE = 10;

/** The CSM pulse: the one in force, a form to give a new one (it never overwrites the last), and who said what before. */
export function PulsePanel({ accountId, current }: { accountId: string; current: AccountHealth['pulse'] }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('health_pulse:write');
  const [value, setValue] = useState<number | string>(50);
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [page, setPage] = useState(1);
  const pulses = useQuery({
    queryKey: [...healthKeys.pulses(accountId), page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/health/pulses', {
          params: { path: { id: accountId }, query: { page, pageSize: PULSES_PAGE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const total = pulses.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PULSES_PAGE));
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/accounts/{id}/health/pulses', {
          params: { path: { id: accountId } },
          body: { value: Number(value), reason, expiresOn },
        }),
      ),
    onSuccess: async () => {
      setReason('');
      setPage(1);
      setErrors({});
      notifySuccess(t('health.pulse.saved'));
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={5}>{t('health.pulse.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {current
          ? t('health.pulse.current', {
              value: formatNumber(current.value),
              who: current.createdByName ?? '—',
              date: formatDate(current.createdAt),
            })
          : t('health.pulse.none')}
      </Text>
      {canWrite ? (
        <Stack gap="xs" mb="md">
          <Group grow align="flex-start">
            <NumberInput label={t('health.pulse.value')} min={0} max={100} value={value} onChange={setValue} error={errors.value} />
            <DateField label={t('health.pulse.expiresOn')} value={expiresOn} onChange={setExpiresOn} error={errors.expiresOn} />
          </Group>
          <Textarea
            label={t('health.pulse.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button size="xs" onClick={() => add.mutate()} loading={add.isPending} disabled={!reason.trim()} data-testid="add-pulse">
              {t('health.pulse.add')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {pulses.data?.items.length ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('health.pulse.date')}</Table.Th>
              <Table.Th ta="right">{t('health.pulse.value')}</Table.Th>
              <Table.Th>{t('health.pulse.reason')}</Table.Th>
              <Table.Th>{t('health.pulse.by')}</Table.Th>
              <Table.Th>{t('health.pulse.expiresOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(pulses.data?.items ?? []).map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{formatDate(p.createdAt)}</Table.Td>
                <Table.Td ta="right">{formatNumber(p.value)}</Table.Td>
                <Table.Td>{p.reason}</Table.Td>
                <Table.Td>{p.createdByName ?? '—'}</Table.Td>
                <Table.Td>{formatDate(p.expiresOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {total > PULSES_PAGE ? (
        <Group justify="space-between" mt="xs" data-testid="pulse-pages">
          <Text size="sm" c="dimmed">
            {t('table.range', {
              from: (page - 1) * PULSES_PAGE + 1,
              to: Math.min(total, page * PULSES_PAGE),
              total,
              count: total,
            })}
          </Text>
          <Pagination size="sm" total={pages} value={Math.min(page, pages)} onChange={setPage} />
        </Group>
      ) : null}
    </Paper>
  );
}
