import { Button, Checkbox, Modal, NumberInput, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { planKeys } from './queryKeys.ts';
import type { Feature, Plan } from './types.ts';
import { useFeatures } from './usePlanData.ts';

interface Row {
  included: boolean;
  limitValue: number | '';
  note: string;
  isKey: boolean;
}

/** Features in their groups, in the catalogue's order (ungrouped last). */
export function groupFeatures(features: Feature[]): [string | null, Feature[]][] {
  const groups = new Map<string | null, Feature[]>();
  for (const f of features) groups.set(f.groupName, [...(groups.get(f.groupName) ?? []), f]);
  return [...groups].sort(([a], [b]) => (a === null ? 1 : 0) - (b === null ? 1 : 0));
}

/** What a plan offers of each feature: included, a limit, a note instead of a tick, and whether it is a key feature. */
export function PlanFeaturesModal({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const features = useFeatures();
  const detail = useQuery({
    queryKey: planKeys.detail(plan?.id ?? ''),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{id}', { params: { path: { id: plan?.id ?? '' } } })),
    enabled: plan !== null,
  });
  const [rows, setRows] = useState<Record<string, Row>>({});
  useEffect(() => {
    if (!detail.data) return;
    const next: Record<string, Row> = {};
    for (const f of detail.data.features)
      next[f.featureId] = { included: true, limitValue: f.limitValue ?? '', note: f.note ?? '', isKey: f.isKey };
    setRows(next);
  }, [detail.data]);
  const row = (id: string): Row => rows[id] ?? { included: false, limitValue: '', note: '', isKey: false };
  const setRow = (id: string, change: Partial<Row>) => setRows((r) => ({ ...r, [id]: { ...row(id), ...change } }));

  const save = useMutation({
    mutationFn: async () => {
      if (!plan) throw new Error('no plan');
      const body = {
        features: Object.entries(rows)
          .filter(([, r]) => r.included)
          .map(([featureId, r]) => ({
            featureId,
            limitValue: r.limitValue === '' ? null : r.limitValue,
            note: r.note || null,
            isKey: r.isKey,
          })),
      };
      return unwrap(await api.PUT('/api/v1/plans/{id}/features', { params: { path: { id: plan.id } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Modal opened={plan !== null} onClose={onClose} title={t('plan.featuresOf', { name: plan?.name ?? '' })} size="xl">
      {features.isLoading || detail.isLoading ? (
        <Skeleton h={200} />
      ) : !features.data?.length ? (
        <Text c="dimmed">{t('plan.features.none')}</Text>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('plan.features.help')}
          </Text>
          <Table verticalSpacing={4} data-testid="plan-features-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.features.feature')}</Table.Th>
                <Table.Th w={90}>{t('plan.features.included')}</Table.Th>
                <Table.Th w={150}>{t('plan.features.limit')}</Table.Th>
                <Table.Th w={200}>{t('plan.features.note')}</Table.Th>
                <Table.Th w={90}>{t('plan.features.key')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groupFeatures(features.data).map(([group, items]) => (
                <Fragment key={group ?? ''}>
                  <Table.Tr bg="var(--mantine-color-default-hover)">
                    <Table.Td colSpan={5}>
                      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                        {group ?? t('plan.features.other')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {items.map((f) => {
                    const r = row(f.id);
                    return (
                      <Table.Tr key={f.id} data-testid="plan-feature-row">
                        <Table.Td>
                          <Text size="sm">{f.name}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Checkbox
                            aria-label={t('plan.features.includeFeature', { name: f.name })}
                            checked={r.included}
                            onChange={(e) => setRow(f.id, { included: e.currentTarget.checked })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            size="xs"
                            aria-label={t('plan.features.limitOf', { name: f.name })}
                            placeholder={t('plan.features.unlimited')}
                            min={0}
                            thousandSeparator=" "
                            disabled={!r.included}
                            value={r.limitValue}
                            onChange={(v) => setRow(f.id, { limitValue: typeof v === 'number' ? v : '' })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            aria-label={t('plan.features.noteOf', { name: f.name })}
                            disabled={!r.included}
                            maxLength={120}
                            value={r.note}
                            onChange={(e) => setRow(f.id, { note: e.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Checkbox
                            aria-label={t('plan.features.keyOf', { name: f.name })}
                            disabled={!r.included}
                            checked={r.isKey}
                            onChange={(e) => setRow(f.id, { isKey: e.currentTarget.checked })}
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <FormFooter>
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-plan-features">
          {t('common.save')}
        </Button>
      </FormFooter>
    </Modal>
  );
}
