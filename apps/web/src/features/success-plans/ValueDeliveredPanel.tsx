import { ActionIcon, Button, Group, NumberInput, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate, numberSeparators } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { successPlanKeys } from './queryKeys.ts';
import type { SuccessPlan } from './types.ts';

/** Today in the browser's own time zone (toISOString would give UTC's day, yesterday just after midnight in Europe). */
const todayIso = () => dayjs().format('YYYY-MM-DD');

/** The value delivered to the account (newest first) with its total for the renewal conversation, and a row to add one. */
export function ValueDeliveredPanel({ plan, canWrite }: { plan: SuccessPlan; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    description: '',
    amount: '' as number | string,
    deliveredOn: todayIso(),
    objectiveId: null as string | null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/accounts/{id}/success-value-items', {
          params: { path: { id: plan.accountId } },
          body: {
            description: draft.description.trim(),
            amount: Number(draft.amount),
            deliveredOn: draft.deliveredOn,
            objectiveId: draft.objectiveId,
          },
        }),
      ),
    onSuccess: () => {
      setDraft({ description: '', amount: '', deliveredOn: todayIso(), objectiveId: null });
      setErrors({});
      void queryClient.invalidateQueries({ queryKey: successPlanKeys.all });
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/success-value-items/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: successPlanKeys.all }),
    onError: (error) => notifyError(error),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!draft.description.trim()) missing.description = t('form.required');
    if (draft.amount === '') missing.amount = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    add.mutate();
  };
  const total = plan.valueTotals.length
    ? plan.valueTotals.map((v) => formatMoney(v.amount, v.currency)).join(' + ')
    : formatMoney(0, plan.currency);

  return (
    <Paper withBorder p="md" data-testid="value-delivered">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          {t('successPlan.value.title')}
        </Text>
        <Text fw={700} size="lg" data-testid="value-total">
          {total}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('successPlan.value.deliveredOn')}</Table.Th>
              <Table.Th>{t('successPlan.value.description')}</Table.Th>
              <Table.Th>{t('successPlan.value.objective')}</Table.Th>
              <Table.Th ta="right">{t('successPlan.value.amount')}</Table.Th>
              {canWrite ? <Table.Th w={40} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.valueItems.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(v.deliveredOn)}</Table.Td>
                <Table.Td>{v.description}</Table.Td>
                <Table.Td>{v.objectiveTitle ?? t('common.empty')}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(v.amount, v.currency)}
                </Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => remove.mutate(v.id)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
            {plan.valueItems.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed">
                    {t('successPlan.value.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canWrite ? (
        <form onSubmit={submit} noValidate data-testid="value-form">
          <Group mt="sm" align="flex-start" gap="xs">
            <TextInput
              type="date"
              w={150}
              aria-label={t('successPlan.value.deliveredOn')}
              value={draft.deliveredOn}
              onChange={(e) => setDraft((d) => ({ ...d, deliveredOn: e.currentTarget.value }))}
              error={errors.deliveredOn}
            />
            <TextInput
              style={{ flex: 1 }}
              placeholder={t('successPlan.value.descriptionPlaceholder')}
              aria-label={t('successPlan.value.description')}
              value={draft.description}
              onChange={(e) => setDraft((d) => ({ ...d, description: e.currentTarget.value }))}
              error={errors.description}
            />
            <Select
              w={200}
              placeholder={t('successPlan.value.objective')}
              aria-label={t('successPlan.value.objective')}
              data={plan.objectives.map((o) => ({ value: o.id, label: o.title }))}
              value={draft.objectiveId}
              onChange={(objectiveId) => setDraft((d) => ({ ...d, objectiveId }))}
              clearable
            />
            <NumberInput
              w={140}
              placeholder={plan.currency}
              aria-label={t('successPlan.value.amount')}
              value={draft.amount}
              onChange={(amount) => setDraft((d) => ({ ...d, amount }))}
              error={errors.amount}
              {...numberSeparators()}
            />
            <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
              {t('successPlan.value.add')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Paper>
  );
}
