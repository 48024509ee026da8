import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { numberSeparators } from '../../lib/format.ts';
import { useActiveUsers, useCustomFields } from '../../lib/lookups.ts';
import { successPlanKeys } from './queryKeys.ts';
import { OBJECTIVE_METRICS, OBJECTIVE_STATUSES } from './search.ts';
import type { Objective, ObjectiveInput, ObjectiveMetric, ObjectiveStatus } from './types.ts';

type Source = NonNullable<ObjectiveInput['source']>;
interface FormState {
  title: string;
  metric: ObjectiveMetric;
  baseline: number | string;
  target: number | string;
  unit: string;
  dueOn: string;
  ownerUserId: string | null;
  status: ObjectiveStatus;
  source: Source;
  sourceKey: string;
}

const empty: FormState = {
  title: '',
  metric: 'leads',
  baseline: 0,
  target: '',
  unit: '',
  dueOn: '',
  ownerUserId: null,
  status: 'on_track',
  source: 'manual',
  sourceKey: '',
};
const fromObjective = (o: Objective): FormState => ({
  title: o.title,
  metric: o.metric,
  baseline: o.baseline,
  target: o.target,
  unit: o.unit,
  dueOn: o.dueOn ?? '',
  ownerUserId: o.ownerUserId,
  status: o.status,
  source: o.source,
  sourceKey: o.sourceKey ?? '',
});

/** Adds an objective to an account's success plan, or changes one. Server field errors show on the inputs. */
export function ObjectiveFormModal(props: { opened: boolean; onClose: () => void; accountId: string; objective?: Objective | null }) {
  const { opened, onClose, accountId, objective } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useActiveUsers();
  const fields = useCustomFields('account');
  const [state, setState] = useState<FormState>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (opened) {
      setState(objective ? fromObjective(objective) : empty);
      setErrors({});
    }
  }, [opened, objective]);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const body = (): ObjectiveInput => ({
    title: state.title.trim(),
    metric: state.metric,
    baseline: Number(state.baseline),
    target: Number(state.target),
    unit: state.unit.trim(),
    dueOn: state.dueOn || null,
    ownerUserId: state.ownerUserId,
    status: state.status,
    source: state.source,
    sourceKey: state.source === 'manual' ? null : state.sourceKey || null,
  });
  const save = useMutation({
    mutationFn: async () =>
      objective
        ? unwrap(await api.PATCH('/api/v1/success-objectives/{id}', { params: { path: { id: objective.id } }, body: body() }))
        : unwrap(await api.POST('/api/v1/accounts/{id}/success-objectives', { params: { path: { id: accountId } }, body: body() })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: successPlanKeys.all });
      notifySuccess(t(objective ? 'successPlan.objective.saved' : 'successPlan.objective.created', { title: saved.title }));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!state.title.trim()) missing.title = t('form.required');
    if (state.target === '') missing.target = t('form.required');
    if (!state.unit.trim()) missing.unit = t('form.required');
    if (state.source !== 'manual' && !state.sourceKey) missing.sourceKey = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    save.mutate();
  };
  const seps = numberSeparators();
  const numberFields = (fields.data ?? []).filter((f) => f.type === 'number');

  return (
    <Modal opened={opened} onClose={onClose} title={t(objective ? 'successPlan.objective.edit' : 'successPlan.objective.new')} size="lg">
      <form onSubmit={submit} noValidate data-testid="objective-form">
        <Stack gap="sm">
          <TextInput
            label={t('successPlan.fields.title')}
            placeholder={t('successPlan.objective.titlePlaceholder')}
            value={state.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            required
            data-autofocus
            name="title"
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('successPlan.fields.metric')}
              data={OBJECTIVE_METRICS.map((m) => ({ value: m, label: t(`successPlan.metric.${m}`) }))}
              value={state.metric}
              onChange={(v) => v && set('metric', v as ObjectiveMetric)}
              allowDeselect={false}
              error={errors.metric}
            />
            <TextInput
              label={t('successPlan.fields.unit')}
              placeholder={t('successPlan.objective.unitPlaceholder')}
              value={state.unit}
              onChange={(e) => set('unit', e.currentTarget.value)}
              error={errors.unit}
              required
              name="unit"
            />
            <NumberInput
              label={t('successPlan.fields.baseline')}
              value={state.baseline}
              onChange={(v) => set('baseline', v)}
              error={errors.baseline}
              name="baseline"
              {...seps}
            />
            <NumberInput
              label={t('successPlan.fields.target')}
              value={state.target}
              onChange={(v) => set('target', v)}
              error={errors.target}
              required
              name="target"
              {...seps}
            />
            <TextInput
              type="date"
              label={t('successPlan.fields.dueOn')}
              value={state.dueOn}
              onChange={(e) => set('dueOn', e.currentTarget.value)}
              error={errors.dueOn}
              name="dueOn"
            />
            <Select
              label={t('successPlan.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={state.ownerUserId}
              onChange={(v) => set('ownerUserId', v)}
              clearable
              searchable
              error={errors.ownerUserId}
            />
            <Select
              label={t('successPlan.fields.source')}
              data={(['manual', 'usage_event', 'custom_field'] as const).map((s) => ({ value: s, label: t(`successPlan.source.${s}`) }))}
              value={state.source}
              onChange={(v) => v && set('source', v as Source)}
              allowDeselect={false}
              error={errors.source}
            />
            {state.source === 'custom_field' ? (
              <Select
                label={t('successPlan.fields.customField')}
                data={numberFields.map((f) => ({ value: f.key, label: f.label }))}
                value={state.sourceKey || null}
                onChange={(v) => set('sourceKey', v ?? '')}
                error={errors.sourceKey}
                required
              />
            ) : state.source === 'usage_event' ? (
              <TextInput
                label={t('successPlan.fields.usageEvent')}
                placeholder="lead.created"
                value={state.sourceKey}
                onChange={(e) => set('sourceKey', e.currentTarget.value)}
                error={errors.sourceKey}
                required
              />
            ) : (
              <div />
            )}
            {objective ? (
              <Select
                label={t('successPlan.fields.status')}
                data={OBJECTIVE_STATUSES.map((s) => ({ value: s, label: t(`successPlan.status.${s}`) }))}
                value={state.status}
                onChange={(v) => v && set('status', v as ObjectiveStatus)}
                allowDeselect={false}
              />
            ) : null}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="objective-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
