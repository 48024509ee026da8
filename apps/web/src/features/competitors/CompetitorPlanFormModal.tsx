import { Button, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type PriceRow, PriceRows, toPrices, usePlanOptions } from '../plans/index.ts';
import { competitorKeys } from './queryKeys.ts';
import type { CompetitorPlan } from './types.ts';

/** Add or edit one of a competitor's plans: its name, our comparable plan and its list prices. */
export function CompetitorPlanFormModal({
  competitorId,
  plan,
  onClose,
}: {
  competitorId: string;
  plan: CompetitorPlan | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const planOptions = usePlanOptions();
  const isNew = plan === 'new';
  const [form, setForm] = useState<{ name: string; comparablePlanId: string | null; notes: string; prices: PriceRow[] }>({
    name: '',
    comparablePlanId: null,
    notes: '',
    prices: [],
  });
  useEffect(() => {
    if (plan === 'new')
      setForm({ name: '', comparablePlanId: null, notes: '', prices: [{ currency: 'EUR', intervalMonths: 1, amount: '' }] });
    else if (plan)
      setForm({
        name: plan.name,
        comparablePlanId: plan.comparablePlanId,
        notes: plan.notes ?? '',
        prices: plan.prices.map(({ currency, intervalMonths, amount }) => ({ currency, intervalMonths, amount })),
      });
  }, [plan]);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name: form.name, comparablePlanId: form.comparablePlanId, notes: form.notes || null, prices: toPrices(form.prices) };
      if (isNew) return unwrap(await api.POST('/api/v1/competitors/{id}/plans', { params: { path: { id: competitorId } }, body }));
      if (!plan) throw new Error('no plan');
      return unwrap(await api.PATCH('/api/v1/competitor-plans/{id}', { params: { path: { id: plan.id } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: competitorKeys.all });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal opened={plan !== null} onClose={onClose} title={isNew ? t('competitor.plan.new') : t('competitor.plan.edit')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('competitor.plan.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
            data-testid="competitor-plan-name"
          />
          <Select
            label={t('competitor.plan.comparable')}
            description={t('competitor.plan.comparableHelp')}
            clearable
            searchable
            placeholder={t('common.none')}
            data={planOptions}
            value={form.comparablePlanId}
            onChange={(v) => setForm({ ...form, comparablePlanId: v })}
            error={errors.comparablePlanId}
          />
          <Textarea
            label={t('competitor.fields.notes')}
            autosize
            minRows={2}
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
            error={errors.notes}
          />
          <Text size="sm" fw={500}>
            {t('competitor.plan.prices')}
          </Text>
          <PriceRows rows={form.prices} onChange={(prices) => setForm({ ...form, prices })} errors={errors} />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
