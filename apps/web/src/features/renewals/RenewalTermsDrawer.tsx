import { Anchor, Badge, Drawer, SegmentedControl, Stack } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney, formatPeriod } from '../../lib/money.ts';
import { renewalKeys } from './queryKeys.ts';
import { RENEWAL_OUTCOMES } from './search.ts';
import type { RenewalTerm, RenewalTermOutcome, RenewalTermSort } from './types.ts';

const OUTCOME_COLORS: Record<RenewalTerm['outcome'], string> = { renewed: 'teal', churned: 'red', pending: 'gray' };

/** The months a period label covers: 2019-03 → 2019-03…2019-03, 2019-Q2 → 2019-04…2019-06, 2019 → 2019-01…2019-12. */
export function monthsOf(period: string): { from: string; to: string } {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const first = (Number(q[2]) - 1) * 3 + 1;
    const mm = (n: number) => String(n).padStart(2, '0');
    return { from: `${q[1]}-${mm(first)}`, to: `${q[1]}-${mm(first + 2)}` };
  }
  if (/^\d{4}$/.test(period)) return { from: `${period}-01`, to: `${period}-12` };
  return { from: period, to: period };
}

type TermFilters = { outcome?: RenewalTermOutcome };

function TermsList({
  period,
  outcome,
  filters,
  currency,
}: {
  period: string;
  outcome: RenewalTermOutcome | undefined;
  filters: { owner?: string; segment?: string; market?: string };
  currency: string;
}) {
  const { t } = useTranslation();
  const controls = useListState<TermFilters, RenewalTermSort>({ sort: 'dueArr', order: 'desc', filters: { outcome } });
  const list = useServerList(controls, {
    queryKey: renewalKeys.terms,
    toQuery: ({ filters: f, sort, order }) => ({ ...filters, ...monthsOf(period), outcome: f.outcome, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/renewals/terms', { params: { query } })),
  });
  const columns = useMemo<DataColumn<RenewalTerm>[]>(
    () => [
      {
        id: 'account',
        header: t('renewal.terms.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} search={{ tab: 'subscriptions' }} />
            )}
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      { id: 'subscription', header: t('renewal.terms.subscription'), cell: ({ row }) => row.original.subscriptionReference },
      {
        id: 'lastDay',
        header: t('renewal.terms.term'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => `${formatDate(row.original.termStart)} – ${formatDate(row.original.lastDay)}`,
      },
      {
        id: 'dueArr',
        header: t('renewal.figures.dueArr'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatMoney(row.original.dueArr, currency),
      },
      {
        id: 'outcome',
        header: t('renewal.terms.outcome'),
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Badge variant="light" size="sm" color={OUTCOME_COLORS[row.original.outcome]}>
            {t(`renewal.outcomes.${row.original.change && row.original.change !== 'same' ? row.original.change : row.original.outcome}`)}
          </Badge>
        ),
      },
      {
        id: 'nextArr',
        header: t('renewal.terms.nextArr'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => (row.original.nextArr === null ? '—' : formatMoney(row.original.nextArr, currency)),
      },
      {
        id: 'nextStart',
        header: t('renewal.terms.nextStart'),
        meta: { noWrap: true },
        cell: ({ row }) => (row.original.nextTermStart ? formatDate(row.original.nextTermStart) : '—'),
      },
    ],
    [t, currency],
  );
  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={list.filters.outcome ?? 'all'}
        onChange={(v) => list.setFilters({ outcome: v === 'all' ? undefined : (v as RenewalTermOutcome) })}
        data={[
          { value: 'all', label: t('renewal.outcomes.all') },
          ...RENEWAL_OUTCOMES.map((o) => ({ value: o, label: t(`renewal.outcomes.${o}`) })),
        ]}
      />
      <DataTable
        list={list}
        columns={columns}
        getRowId={(r) => `${r.subscriptionId}:${r.termStart}`}
        exportUrl={buildUrl('/api/v1/renewals/terms/export.csv', list.query)}
        emptyMessage={t('renewal.terms.empty')}
        testId="renewal-terms"
      />
    </Stack>
  );
}

/** The terms behind a period's figure: account, term, ARR due, outcome and what followed, with CSV. */
export function RenewalTermsDrawer({
  target,
  filters,
  currency,
  onClose,
}: {
  target: { period: string; outcome: RenewalTermOutcome | undefined } | null;
  filters: { owner?: string; segment?: string; market?: string };
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={!!target}
      onClose={onClose}
      position="right"
      size={1120}
      title={target ? t('renewal.terms.title', { period: formatPeriod(target.period) }) : ''}
      data-testid="renewal-drill"
    >
      {target ? (
        <TermsList
          key={`${target.period}:${target.outcome}`}
          period={target.period}
          outcome={target.outcome}
          filters={filters}
          currency={currency}
        />
      ) : null}
    </Drawer>
  );
}
