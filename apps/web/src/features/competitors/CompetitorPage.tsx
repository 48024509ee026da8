import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArchiveOff, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { ApiError, api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatMoney } from '../plans/index.ts';
import { DifferenceBadge } from './CompetitionTable.tsx';
import { CompetitorAccountsTable } from './CompetitorAccountsTable.tsx';
import { CompetitorFormModal } from './CompetitorFormModal.tsx';
import { CompetitorPlanFormModal } from './CompetitorPlanFormModal.tsx';
import { competitorKeys } from './queryKeys.ts';
import type { CompetitorPlan } from './types.ts';

const route = getRouteApi('/app/competitors/$competitorId');

/** One competitor: what we know, their plans and list prices beside our comparable plan's, and the accounts involved. */
export function CompetitorPage() {
  const { t } = useTranslation();
  const { competitorId } = route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('competitor:write');
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [planEditing, setPlanEditing] = useState<CompetitorPlan | 'new' | null>(null);
  const [planRemoving, setPlanRemoving] = useState<CompetitorPlan | null>(null);
  const detail = useQuery({
    queryKey: competitorKeys.detail(competitorId),
    queryFn: async () => unwrap(await api.GET('/api/v1/competitors/{id}', { params: { path: { id: competitorId } } })),
  });
  const accounts = useQuery({
    queryKey: competitorKeys.accounts(competitorId),
    queryFn: async () => unwrap(await api.GET('/api/v1/competitors/{id}/accounts', { params: { path: { id: competitorId } } })).items,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: competitorKeys.all });
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/competitors/{id}', { params: { path: { id: competitorId } } })),
    onSuccess: async (r) => {
      await invalidate();
      notifySuccess(r.outcome === 'archived' ? t('competitor.archivedInUse') : t('competitor.deleted'));
      if (r.outcome === 'deleted') void navigate({ to: '/competitors' });
      setRemoving(false);
    },
    onError: (error) => notifyError(error),
  });
  const restore = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/api/v1/competitors/{id}', { params: { path: { id: competitorId } }, body: { archived: false } })),
    onSuccess: invalidate,
    onError: (error) => notifyError(error),
  });
  const removePlan = useMutation({
    mutationFn: async (p: CompetitorPlan) => unwrap(await api.DELETE('/api/v1/competitor-plans/{id}', { params: { path: { id: p.id } } })),
    onSuccess: async () => {
      await invalidate();
      setPlanRemoving(null);
    },
    onError: (error) => notifyError(error),
  });

  if (detail.error instanceof ApiError && detail.error.status === 404)
    return (
      <Alert color="gray" title={t('competitor.notFound')} mt="xl" maw={560}>
        <Anchor component={Link} to="/competitors">
          {t('competitor.backToList')}
        </Anchor>
      </Alert>
    );
  if (detail.error) return <RouteError error={detail.error} reset={() => void detail.refetch()} />;
  const c = detail.data;

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/competitors" size="sm">
          {t('nav.competitors')}
        </Anchor>
        <Text size="sm">{c?.name ?? '…'}</Text>
      </Breadcrumbs>
      <Paper withBorder p="lg">
        {!c ? (
          <Skeleton h={60} />
        ) : (
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Group gap="sm">
                <Title order={2} fz={24} data-testid="competitor-title">
                  {c.name}
                </Title>
                {c.archivedAt ? <Badge color="gray">{t('competitor.archived')}</Badge> : null}
              </Group>
              {c.website ? (
                <Anchor href={c.website} target="_blank" rel="noopener noreferrer" size="sm">
                  {c.website}
                </Anchor>
              ) : null}
              {c.notes ? (
                <Text size="sm" maw={800}>
                  {c.notes}
                </Text>
              ) : null}
            </Stack>
            {canWrite ? (
              <Group gap="xs" wrap="nowrap">
                {c.archivedAt ? (
                  <Button variant="default" leftSection={<IconArchiveOff size={16} />} onClick={() => restore.mutate()}>
                    {t('plan.restore')}
                  </Button>
                ) : null}
                <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
                <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setRemoving(true)}>
                  {t('common.delete')}
                </Button>
              </Group>
            ) : null}
          </Group>
        )}
      </Paper>

      <Paper withBorder p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={3} fz={18}>
            {t('competitor.plansAndPrices')}
          </Title>
          {canWrite ? (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setPlanEditing('new')} data-testid="new-competitor-plan">
              {t('competitor.plan.new')}
            </Button>
          ) : null}
        </Group>
        {!c ? (
          <Skeleton h={120} />
        ) : !c.plans.length ? (
          <Text c="dimmed" size="sm">
            {t('competitor.plan.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="competitor-plans">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('competitor.theirPlan')}</Table.Th>
                <Table.Th>{t('competitor.plan.comparable')}</Table.Th>
                <Table.Th>{t('plan.fields.interval')}</Table.Th>
                <Table.Th ta="right">{t('competitor.theirPrice')}</Table.Th>
                <Table.Th ta="right">{t('competitor.ourPrice')}</Table.Th>
                <Table.Th ta="right">{t('competitor.againstOurs')}</Table.Th>
                {canWrite ? <Table.Th w={80} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.plans.map((p) => {
                const rows = p.prices.length ? p.prices : [null];
                return (
                  <Fragment key={p.id}>
                    {rows.map((price, i) => (
                      <Table.Tr key={price ? `${price.currency}${price.intervalMonths}` : 'none'}>
                        <Table.Td>
                          {i === 0 ? (
                            <Text fw={600} size="sm">
                              {p.name}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{i === 0 ? (p.comparablePlanName ?? '—') : null}</Table.Td>
                        <Table.Td>
                          {price ? `${price.currency} · ${t('plan.interval.every', { count: price.intervalMonths })}` : '—'}
                        </Table.Td>
                        <Table.Td ta="right">{price ? formatMoney(price.amount, price.currency) : '—'}</Table.Td>
                        <Table.Td ta="right">{price ? formatMoney(price.ourAmount, price.currency) : '—'}</Table.Td>
                        <Table.Td ta="right">
                          <DifferenceBadge
                            difference={
                              price?.ourAmount ? Math.round(((price.amount - price.ourAmount) / price.ourAmount) * 10_000) / 10_000 : null
                            }
                          />
                        </Table.Td>
                        {canWrite ? (
                          <Table.Td>
                            {i === 0 ? (
                              <Group gap={2} justify="flex-end" wrap="nowrap">
                                <Tooltip label={t('common.edit')}>
                                  <ActionIcon
                                    variant="subtle"
                                    aria-label={t('competitor.plan.editNamed', { name: p.name })}
                                    onClick={() => setPlanEditing(p)}
                                  >
                                    <IconPencil size={16} />
                                  </ActionIcon>
                                </Tooltip>
                                <Tooltip label={t('common.delete')}>
                                  <ActionIcon
                                    variant="subtle"
                                    color="red"
                                    aria-label={t('common.delete')}
                                    onClick={() => setPlanRemoving(p)}
                                  >
                                    <IconTrash size={16} />
                                  </ActionIcon>
                                </Tooltip>
                              </Group>
                            ) : null}
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="lg">
        <Title order={3} fz={18} mb="sm">
          {t('competitor.accounts')}
        </Title>
        <CompetitorAccountsTable rows={accounts.data} isLoading={accounts.isLoading} fileName={`${c?.name ?? 'competitor'} accounts.csv`} />
      </Paper>

      <CompetitorFormModal competitor={editing && c ? c : null} onClose={() => setEditing(false)} />
      <CompetitorPlanFormModal competitorId={competitorId} plan={planEditing} onClose={() => setPlanEditing(null)} />
      <ConfirmModal
        opened={removing}
        onClose={() => setRemoving(false)}
        title={t('competitor.deleteTitle')}
        message={t('competitor.deleteConfirm', { name: c?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      <ConfirmModal
        opened={planRemoving !== null}
        onClose={() => setPlanRemoving(null)}
        title={t('competitor.plan.deleteTitle')}
        message={t('competitor.plan.deleteConfirm', { name: planRemoving?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={removePlan.isPending}
        onConfirm={() => planRemoving && removePlan.mutate(planRemoving)}
      />
    </Stack>
  );
}
