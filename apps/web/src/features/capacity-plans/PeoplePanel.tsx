import { Button, Group, NumberInput, Paper, Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, notifyError, unwrap } from '../../lib/api.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { capacityKeys } from './queryKeys.ts';
import { type CapacityOverview, type CapacityPerson, TEAMS, type Team } from './types.ts';

/**
 * The team's people with their team and hours per week: search by name, filter by team, sort, page, CSV export;
 * admins change a person's team and hours in place and add people.
 */
export function PeoplePanel({ data, canManage }: { data: CapacityOverview; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useActiveUsers();
  const canExport = useCan('export:run');
  const [userId, setUserId] = useState<string | null>(null);
  const put = useMutation({
    mutationFn: async (v: { id: string; team: Team; hoursPerWeek: number }) =>
      unwrap(
        await api.PUT('/api/v1/capacity/people/{id}', {
          params: { path: { id: v.id } },
          body: { team: v.team, hoursPerWeek: v.hoursPerWeek },
        }),
      ),
    onSuccess: () => {
      setUserId(null);
      void queryClient.invalidateQueries({ queryKey: capacityKeys.all });
    },
    onError: (error) => notifyError(error),
  });
  const controls = useListState<{ team?: Team }, 'name' | 'team' | 'hoursPerWeek'>({
    sort: 'name',
    order: 'asc',
    filters: {},
    pageSize: 25,
  });
  const list = useServerList(controls, {
    queryKey: capacityKeys.people,
    toQuery: ({ q, filters, sort, order }) => ({ q, team: filters.team, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/capacity/people', { params: { query } })),
  });
  const columns = useMemo<DataColumn<CapacityPerson>[]>(
    () => [
      { id: 'name', header: t('capacity.people.name'), enableSorting: true, cell: ({ row }) => row.original.name },
      {
        id: 'team',
        header: t('capacity.people.team'),
        enableSorting: true,
        cell: ({ row }) =>
          canManage ? (
            <Select
              size="xs"
              w={220}
              aria-label={`${t('capacity.people.team')}: ${row.original.name}`}
              data={TEAMS.map((team) => ({ value: team, label: t(`capacity.team.${team}`) }))}
              value={row.original.team}
              allowDeselect={false}
              onChange={(team) =>
                team && put.mutate({ id: row.original.userId, team: team as Team, hoursPerWeek: row.original.hoursPerWeek })
              }
            />
          ) : (
            t(`capacity.team.${row.original.team}`)
          ),
      },
      {
        id: 'hoursPerWeek',
        header: t('capacity.people.hours'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) =>
          canManage ? (
            <NumberInput
              key={`${row.original.userId}:${row.original.hoursPerWeek}`}
              size="xs"
              w={90}
              ml="auto"
              aria-label={`${t('capacity.people.hours')}: ${row.original.name}`}
              defaultValue={row.original.hoursPerWeek}
              min={0}
              max={80}
              onBlur={(e) => {
                const v = Number(e.currentTarget.value.replace(',', '.'));
                if (Number.isFinite(v) && v !== row.original.hoursPerWeek)
                  put.mutate({ id: row.original.userId, team: row.original.team, hoursPerWeek: v });
              }}
            />
          ) : (
            row.original.hoursPerWeek
          ),
      },
    ],
    [t, canManage, put],
  );
  const listed = new Set(data.people.map((p) => p.userId));
  return (
    <Paper withBorder p="md" data-testid="capacity-people">
      <Text fw={600} size="sm" mb="sm">
        {t('capacity.people.title')}
      </Text>
      <DataTable
        testId="capacity-people-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.userId}
        search={{ placeholder: t('capacity.people.searchPlaceholder'), width: 220 }}
        filters={
          <Select
            w={220}
            placeholder={t('capacity.people.team')}
            aria-label={t('capacity.people.team')}
            clearable
            data={TEAMS.map((team) => ({ value: team, label: t(`capacity.team.${team}`) }))}
            value={list.filters.team ?? null}
            onChange={(v) => list.setFilters({ team: (v as Team) ?? undefined })}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/capacity/people/export.csv', list.query) : undefined}
        emptyMessage={t('capacity.people.empty')}
      />
      {canManage ? (
        <Group mt="sm" gap="xs">
          <Select
            w={260}
            placeholder={t('capacity.people.add')}
            searchable
            data={(users.data ?? []).filter((u) => !listed.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
            value={userId}
            onChange={setUserId}
          />
          <Button disabled={!userId} onClick={() => userId && put.mutate({ id: userId, team: 'customer_success', hoursPerWeek: 32 })}>
            {t('capacity.people.addButton')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
