import { Anchor, Button, Drawer, Group, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { DetailRows } from '../../components/DetailRows.tsx';
import { api, fieldErrors, unwrap } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { RenewalQuotes } from '../quotes/index.ts';
import { renewalKeys } from './queryKeys.ts';
import { DueCell, money, RiskBadges, StageBadge } from './RenewalBadges.tsx';
import { RENEWAL_CATEGORIES, RENEWAL_STAGES } from './search.ts';
import type { Renewal, RenewalStage } from './types.ts';
import { useUpdateRenewal } from './useMoveRenewal.tsx';

/** One renewal beside the pipeline: its figures and risks, and (for the team) its stage, forecast, category, owner and notes. */
export function RenewalDrawer({
  renewalId,
  onClose,
  onMove,
}: {
  renewalId?: string;
  onClose(): void;
  onMove(r: Renewal, s: RenewalStage): void;
}) {
  const { t } = useTranslation();
  const canWrite = useCan('renewal_opportunity:write');
  const users = useActiveUsers();
  const one = useQuery({
    queryKey: renewalKeys.one(renewalId ?? ''),
    enabled: !!renewalId,
    queryFn: async () => unwrap(await api.GET('/api/v1/renewal-opportunities/{id}', { params: { path: { id: renewalId ?? '' } } })),
  });
  const [draft, setDraft] = useState<Renewal | null>(null);
  useEffect(() => setDraft(one.data ?? null), [one.data]);
  const update = useUpdateRenewal();
  const errors = fieldErrors(update.error);
  const d = draft;
  return (
    <Drawer
      opened={!!renewalId}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('renewalPipeline.details')}
      data-testid="renewal-drawer"
    >
      {d ? (
        <Stack gap="sm">
          <Group gap="xs">
            <StageBadge stage={d.stage} />
            <DueCell renewal={d} />
          </Group>
          <DetailRows
            rows={[
              [
                t('renewalPipeline.fields.account'),
                <Anchor key="a" renderRoot={(p) => <Link {...p} to="/accounts/$accountId" params={{ accountId: d.accountId }} />} size="sm">
                  {d.accountName}
                </Anchor>,
              ],
              [t('renewalPipeline.fields.subscription'), d.subscriptionReference ?? t('common.empty')],
              [t('renewalPipeline.fields.term'), t('renewalPipeline.termEnds', { date: formatDate(d.termLastDay) })],
              [t('renewalPipeline.fields.target'), money(d.targetCents, d.currency)],
              [t('renewalPipeline.fields.likelihood'), d.likelihood === null ? t('common.empty') : `${d.likelihood} / 100`],
              [t('renewalPipeline.fields.risks'), d.riskReasons.length ? <RiskBadges key="r" renewal={d} /> : t('renewalPipeline.noRisks')],
              [t('renewalPipeline.fields.openedOn'), formatDate(d.openedOn)],
              ...(d.closedAt
                ? ([
                    [t('renewalPipeline.fields.closedAt'), formatDateTime(d.closedAt)],
                    [t('renewalPipeline.fields.closeReason'), d.closeReason ?? t('common.empty')],
                  ] as [string, string][])
                : []),
            ]}
          />
          <Group grow>
            <Select
              label={t('renewalPipeline.fields.stage')}
              data={RENEWAL_STAGES.map((s) => ({ value: s, label: t(`renewalPipeline.stages.${s}`) }))}
              value={d.stage}
              onChange={(v) => v && onMove(d, v as RenewalStage)}
              disabled={!canWrite}
              data-testid="renewal-stage-select"
            />
            <Select
              label={t('renewalPipeline.fields.category')}
              data={RENEWAL_CATEGORIES.map((c) => ({ value: c, label: t(`renewalPipeline.categories.${c}`) }))}
              value={d.category}
              onChange={(v) => v && setDraft({ ...d, category: v as Renewal['category'] })}
              disabled={!canWrite}
            />
          </Group>
          <Group grow>
            <NumberInput
              label={t('renewalPipeline.fields.forecast', { currency: d.currency })}
              value={d.forecastCents / 100}
              min={0}
              decimalScale={2}
              thousandSeparator
              onChange={(v) => setDraft({ ...d, forecastCents: Math.round(Number(v || 0) * 100) })}
              error={errors.forecastCents}
              disabled={!canWrite}
            />
            <Select
              label={t('renewalPipeline.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={d.ownerUserId}
              onChange={(v) => setDraft({ ...d, ownerUserId: v })}
              error={errors.ownerUserId}
              searchable
              clearable
              disabled={!canWrite}
            />
          </Group>
          <Textarea
            label={t('renewalPipeline.fields.notes')}
            value={d.notes ?? ''}
            onChange={(e) => setDraft({ ...d, notes: e.currentTarget.value })}
            autosize
            minRows={3}
            disabled={!canWrite}
          />
          {canWrite ? (
            <Group justify="flex-end">
              <Button
                loading={update.isPending}
                onClick={() =>
                  update.mutate({
                    id: d.id,
                    body: { category: d.category, forecastCents: d.forecastCents, ownerUserId: d.ownerUserId, notes: d.notes || null },
                  })
                }
                data-testid="renewal-save"
              >
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
          <RenewalQuotes renewal={d} />
          <Text size="xs" c="dimmed">
            {t('renewalPipeline.stageSince', { date: formatDateTime(d.stageChangedAt) })}
          </Text>
        </Stack>
      ) : null}
    </Drawer>
  );
}
