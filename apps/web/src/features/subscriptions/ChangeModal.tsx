import { Alert, Button, Checkbox, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatNumber, numberSeparators } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { emptyLine, isLineComplete, type LineDraft, LineFields, toLineInput } from './LineFields.tsx';
import { useCancelReasons, useCompetitorOptions, usePlanOptions } from './lookups.ts';
import { subscriptionKeys } from './queryKeys.ts';
import { type ChangeBody, type ChangeOp, DISCOUNT_KINDS, type DiscountKind, type SubscriptionDetail } from './types.ts';

const LINE_OPS: readonly ChangeOp[] = ['change_plan', 'remove_line', 'quantity', 'price', 'discount', 'remove_discount'];

interface Draft {
  effectiveDate: string | null;
  comment: string;
  lineKey: string | null;
  planId: string | null;
  quantity: number | '';
  unitPrice: number | '';
  percent: number | '';
  discountKind: DiscountKind;
  until: string | null;
  reasonId: string | null;
  competitorId: string | null;
  endsOn: string | null;
  termEnd: string | null;
  autoRenew: boolean;
  line: LineDraft;
}

const emptyDraft = (sub: SubscriptionDetail): Draft => ({
  effectiveDate: dayjs().format('YYYY-MM-DD'),
  comment: '',
  lineKey: sub.lines[0]?.lineKey ?? null,
  planId: null,
  quantity: sub.lines[0]?.quantity ?? 1,
  unitPrice: sub.lines[0]?.unitPrice ?? '',
  percent: '',
  discountKind: 'lasting',
  until: null,
  reasonId: null,
  competitorId: null,
  endsOn: null,
  termEnd: sub.termEnd,
  autoRenew: sub.autoRenew,
  line: emptyLine(),
});

/** The API's body for the op; the fields not asked for stay out. */
function toBody(op: ChangeOp, d: Draft): ChangeBody {
  const common = { effectiveDate: d.effectiveDate ?? dayjs().format('YYYY-MM-DD'), comment: d.comment.trim() || null };
  const lineKey = d.lineKey ?? '';
  switch (op) {
    case 'change_plan':
      return { op, lineKey, planId: d.planId ?? '', unitPrice: d.unitPrice === '' ? undefined : d.unitPrice, ...common };
    case 'add_line':
      return { op, line: toLineInput(d.line), ...common };
    case 'remove_line':
    case 'remove_discount':
      return { op, lineKey, ...common };
    case 'quantity':
      return { op, lineKey, quantity: d.quantity === '' ? 1 : d.quantity, ...common };
    case 'price':
      return { op, lineKey, unitPrice: d.unitPrice === '' ? 0 : d.unitPrice, ...common };
    case 'discount':
      return {
        op,
        lineKey,
        discount: { percent: d.percent === '' ? 0 : d.percent, kind: d.discountKind, until: d.discountKind === 'until' ? d.until : null },
        ...common,
      };
    case 'terms':
      return { op, termEnd: d.termEnd, autoRenew: d.autoRenew, ...common };
    case 'cancel':
      return { op, reasonId: d.reasonId ?? '', competitorId: d.competitorId, endsOn: d.endsOn ?? undefined, ...common };
    case 'end':
      return { op, reasonId: d.reasonId, competitorId: d.competitorId, ...common };
    case 'renew':
      return { op, termEnd: d.termEnd, ...common };
    case 'withdraw_cancel':
    case 'reactivate':
      return { op, ...common };
  }
}

/** Records one change of a subscription (upgrade, add-on, quantity, price, discount, cancellation …) on an effective date. */
export function ChangeModal({ op, subscription, onClose }: { op: ChangeOp | null; subscription: SubscriptionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [d, setDraft] = useState<Draft>(() => emptyDraft(subscription));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const plans = usePlanOptions();
  const reasons = useCancelReasons();
  const competitors = useCompetitorOptions();
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => setDraft((s) => ({ ...s, [key]: v }));

  useEffect(() => {
    if (op) {
      setDraft(emptyDraft(subscription));
      setErrors({});
    }
  }, [op, subscription]);

  const save = useMutation({
    mutationFn: async (body: ChangeBody) =>
      unwrap(await api.POST('/api/v1/subscriptions/{id}/changes', { params: { path: { id: subscription.id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: subscriptionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
      notifySuccess(t('subscription.changeRecorded'));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  if (!op) return null;
  const reason = reasons.data?.find((r) => r.id === d.reasonId);
  const line = subscription.lines.find((l) => l.lineKey === d.lineKey);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (op === 'add_line' && !isLineComplete(d.line)) return setErrors({ line: t('subscription.lineIncomplete') });
    if (op === 'cancel' && !d.reasonId) return setErrors({ reasonId: t('form.required') });
    if (op === 'change_plan' && !d.planId) return setErrors({ planId: t('form.required') });
    save.mutate(toBody(op, d));
  };
  const lineLabel = (l: SubscriptionDetail['lines'][number]) =>
    `${l.planName ?? l.description} · ${formatNumber(l.quantity)} × ${formatMoney(l.unitPrice, subscription.currency)}`;

  return (
    <Modal opened onClose={onClose} title={t(`subscription.ops.${op}`)} size={op === 'add_line' ? 'xl' : 'md'}>
      <form onSubmit={submit} noValidate data-testid="change-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {subscription.reference} · {subscription.accountName}
          </Text>
          {LINE_OPS.includes(op) ? (
            <Select
              label={t('subscription.fields.line')}
              data={subscription.lines.map((l) => ({ value: l.lineKey, label: lineLabel(l) }))}
              value={d.lineKey}
              onChange={(v) => {
                const l = subscription.lines.find((x) => x.lineKey === v);
                setDraft((s) => ({ ...s, lineKey: v, quantity: l?.quantity ?? s.quantity, unitPrice: l?.unitPrice ?? s.unitPrice }));
              }}
              allowDeselect={false}
              error={errors.lineKey}
              data-testid="change-line"
            />
          ) : null}
          {op === 'change_plan' ? (
            plans.data?.length ? (
              <Select
                label={t('subscription.fields.newPlan')}
                data={plans.data.filter((p) => p.id !== line?.planId).map((p) => ({ value: p.id, label: p.name }))}
                value={d.planId}
                onChange={(v) => set('planId', v)}
                searchable
                error={errors.planId}
              />
            ) : (
              <Alert color="gray">{t('subscription.noPlansYet')}</Alert>
            )
          ) : null}
          {op === 'quantity' ? (
            <NumberInput
              label={t('subscription.fields.newQuantity')}
              min={0.01}
              value={d.quantity}
              onChange={(v) => set('quantity', typeof v === 'number' ? v : '')}
              error={errors.quantity}
              data-testid="change-quantity"
            />
          ) : null}
          {op === 'price' || op === 'change_plan' ? (
            <NumberInput
              {...numberSeparators()}
              label={t('subscription.fields.newUnitPrice', { currency: subscription.currency })}
              description={op === 'change_plan' ? t('subscription.planPriceHint') : undefined}
              min={0}
              decimalScale={2}
              value={d.unitPrice}
              onChange={(v) => set('unitPrice', typeof v === 'number' ? v : '')}
              error={errors.unitPrice}
              data-testid="change-unit-price"
            />
          ) : null}
          {op === 'discount' ? (
            <SimpleGrid cols={d.discountKind === 'until' ? 3 : 2} spacing="sm">
              <NumberInput
                label={t('subscription.fields.discountPercent')}
                min={0.01}
                max={100}
                suffix=" %"
                value={d.percent}
                onChange={(v) => set('percent', typeof v === 'number' ? v : '')}
                error={errors['discount.percent']}
              />
              <Select
                label={t('subscription.fields.discountKind')}
                data={DISCOUNT_KINDS.map((k) => ({ value: k, label: t(`subscription.discountKinds.${k}`) }))}
                value={d.discountKind}
                onChange={(v) => v && set('discountKind', v as DiscountKind)}
                allowDeselect={false}
              />
              {d.discountKind === 'until' ? (
                <DateField
                  label={t('subscription.fields.discountUntil')}
                  value={d.until}
                  onChange={(v) => set('until', v)}
                  error={errors['discount.until']}
                />
              ) : null}
            </SimpleGrid>
          ) : null}
          {op === 'add_line' ? (
            <>
              <LineFields index={0} currency={subscription.currency} value={d.line} onChange={(v) => set('line', v)} />
              {errors.line ? (
                <Text size="sm" c="red">
                  {errors.line}
                </Text>
              ) : null}
            </>
          ) : null}
          {op === 'cancel' || op === 'end' ? (
            <Select
              label={t('subscription.fields.reason')}
              data={(reasons.data ?? []).filter((r) => !r.archived).map((r) => ({ value: r.id, label: r.label }))}
              value={d.reasonId}
              onChange={(v) => set('reasonId', v)}
              required={op === 'cancel'}
              clearable={op === 'end'}
              error={errors.reasonId}
              data-testid="change-reason"
            />
          ) : null}
          {op === 'cancel' && reasons.data && !reasons.data.some((r) => !r.archived) ? (
            <Text size="xs" c="orange" data-testid="no-reasons">
              {t('subscription.noReasonsYet')}
            </Text>
          ) : null}
          {(op === 'cancel' || op === 'end') && reason?.asksCompetitor ? (
            competitors.data?.length ? (
              <Select
                label={t('subscription.fields.competitor')}
                data={competitors.data.map((c) => ({ value: c.id, label: c.name }))}
                value={d.competitorId}
                onChange={(v) => set('competitorId', v)}
                clearable
                searchable
              />
            ) : (
              <Text size="xs" c="dimmed">
                {t('subscription.noCompetitorsYet')}
              </Text>
            )
          ) : null}
          {op === 'cancel' ? (
            <DateField
              label={t('subscription.fields.endsOn')}
              description={t('subscription.endsOnHint')}
              value={d.endsOn}
              onChange={(v) => set('endsOn', v)}
              clearable
              error={errors.endsOn}
            />
          ) : null}
          {op === 'terms' || op === 'renew' ? (
            <DateField
              label={t('subscription.fields.termEnd')}
              value={d.termEnd}
              onChange={(v) => set('termEnd', v)}
              clearable
              error={errors.termEnd}
            />
          ) : null}
          {op === 'terms' ? (
            <Checkbox
              label={t('subscription.fields.autoRenew')}
              checked={d.autoRenew}
              onChange={(e) => set('autoRenew', e.currentTarget.checked)}
            />
          ) : null}
          <DateField
            label={t('subscription.fields.effectiveDate')}
            description={t('subscription.effectiveDateHint')}
            value={d.effectiveDate}
            onChange={(v) => set('effectiveDate', v)}
            required
            error={errors.effectiveDate}
            data-testid="change-effective-date"
          />
          <Textarea
            label={t('subscription.fields.comment')}
            value={d.comment}
            onChange={(e) => set('comment', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-change">
              {t('subscription.record')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
