import { Button, Checkbox, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { EDITIONS, type Edition } from '../../lib/types.ts';
import { type PriceRow, PriceRows, toPrices } from './PriceRows.tsx';
import { planKeys } from './queryKeys.ts';
import type { Plan } from './types.ts';
import { useProducts } from './usePlanData.ts';

interface PlanForm {
  productId: string | null;
  code: string;
  name: string;
  description: string;
  tier: number;
  isFree: boolean;
  trialDays: number;
  edition: Edition | null;
  includedUnits: number | null;
  maxUnits: number | null;
  prices: PriceRow[];
}
const empty: PlanForm = {
  productId: null,
  code: '',
  name: '',
  description: '',
  tier: 1,
  isFree: false,
  trialDays: 0,
  edition: null,
  includedUnits: null,
  maxUnits: null,
  prices: [{ currency: 'EUR', intervalMonths: 1, amount: '' }],
};

/** Create or edit a plan: its product, code, name, tier, trial, edition, users included and allowed, and its prices per currency and interval. */
export function PlanFormModal({ plan, onClose }: { plan: Plan | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const products = useProducts();
  const isNew = plan === 'new';
  const [form, setForm] = useState<PlanForm>(empty);
  const set = <K extends keyof PlanForm>(key: K, value: PlanForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (plan === 'new') setForm(empty);
    else if (plan)
      setForm({
        productId: plan.productId,
        code: plan.code,
        name: plan.name,
        description: plan.description ?? '',
        tier: plan.tier,
        isFree: plan.isFree,
        trialDays: plan.trialDays,
        edition: plan.edition,
        includedUnits: plan.includedUnits,
        maxUnits: plan.maxUnits,
        prices: plan.prices.map((p) => ({ ...p })),
      });
  }, [plan]);

  const save = useMutation({
    mutationFn: async () => {
      const prices = toPrices(form.prices);
      const fields = {
        code: form.code.trim(),
        name: form.name,
        description: form.description || null,
        tier: form.tier,
        isFree: form.isFree,
        trialDays: form.trialDays,
        edition: form.edition,
        includedUnits: form.includedUnits,
        maxUnits: form.maxUnits,
      };
      if (isNew) {
        if (!form.productId) throw new Error('no product');
        return unwrap(
          await api.POST('/api/v1/products/{id}/plans', { params: { path: { id: form.productId } }, body: { ...fields, prices } }),
        );
      }
      if (!plan) throw new Error('no plan');
      const path = { params: { path: { id: plan.id } } };
      unwrap(await api.PATCH('/api/v1/plans/{id}', { ...path, body: { ...fields, productId: form.productId ?? undefined } }));
      return unwrap(await api.PUT('/api/v1/plans/{id}/prices', { ...path, body: { prices } }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      notifySuccess(isNew ? t('plan.created', { name: saved.name }) : t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  const productOptions = (products.data ?? [])
    .filter((p) => !p.archivedAt || p.id === form.productId)
    .map((p) => ({ value: p.id, label: p.name }));

  return (
    <Modal opened={plan !== null} onClose={onClose} title={isNew ? t('plan.new') : t('plan.edit')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('plan.fields.product')}
            required
            data={productOptions}
            value={form.productId}
            onChange={(v) => set('productId', v)}
            error={errors.productId}
            data-testid="plan-product"
          />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('plan.fields.name')}
              required
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              data-testid="plan-name"
            />
            <TextInput
              label={t('plan.fields.code')}
              description={t('plan.codeHelp')}
              required
              maxLength={40}
              value={form.code}
              onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
              error={errors.code}
              data-testid="plan-code"
            />
          </SimpleGrid>
          <Textarea
            label={t('plan.fields.description')}
            description={t('plan.descriptionHelp')}
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
          />
          <SimpleGrid cols={3}>
            <NumberInput
              label={t('plan.fields.tier')}
              description={t('plan.tierHelp')}
              min={0}
              max={100}
              allowDecimal={false}
              value={form.tier}
              onChange={(v) => set('tier', typeof v === 'number' ? v : 0)}
              error={errors.tier}
            />
            <NumberInput
              label={t('plan.fields.trialDays')}
              description={t('plan.trialHelp')}
              min={0}
              max={365}
              allowDecimal={false}
              value={form.trialDays}
              onChange={(v) => set('trialDays', typeof v === 'number' ? v : 0)}
              error={errors.trialDays}
            />
            <Select
              label={t('plan.fields.edition')}
              description={t('plan.editionHelp')}
              clearable
              placeholder={t('common.none')}
              data={EDITIONS.map((e) => ({ value: e, label: t(`account.edition.${e}`) }))}
              value={form.edition}
              onChange={(v) => set('edition', v as Edition | null)}
              error={errors.edition}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <NumberInput
              label={t('plan.fields.includedUnits')}
              description={t('plan.includedUnitsHelp')}
              placeholder={t('common.none')}
              min={0}
              max={1_000_000}
              allowDecimal={false}
              value={form.includedUnits ?? ''}
              onChange={(v) => set('includedUnits', typeof v === 'number' ? v : null)}
              error={errors.includedUnits}
              data-testid="plan-included-units"
            />
            <NumberInput
              label={t('plan.fields.maxUnits')}
              description={t('plan.maxUnitsHelp')}
              placeholder={t('plan.noLimit')}
              min={1}
              max={1_000_000}
              allowDecimal={false}
              value={form.maxUnits ?? ''}
              onChange={(v) => set('maxUnits', typeof v === 'number' ? v : null)}
              error={errors.maxUnits}
              data-testid="plan-max-units"
            />
          </SimpleGrid>
          <Checkbox label={t('plan.freeLabel')} checked={form.isFree} onChange={(e) => set('isFree', e.currentTarget.checked)} />
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('plan.fields.prices')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('plan.pricesHelp')}
            </Text>
            <PriceRows rows={form.prices} onChange={(prices) => set('prices', prices)} errors={errors} />
          </Stack>
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-plan">
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
