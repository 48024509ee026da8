import { Anchor, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { nurtureKeys } from './queryKeys.ts';
import { type NurtureSettings, PROGRAMME_STATUSES, type Programme, type ProgrammeStatus, STATUS_COLORS } from './types.ts';

/** The audience in words: the values chosen, or "every contact". */
const audienceOf = (p: Programme, t: TFunction) =>
  [
    p.audience.segment ? t(`account.segment.${p.audience.segment}`) : null,
    p.audience.edition ? t(`account.edition.${p.audience.edition}`) : null,
    p.audience.marketName,
    p.audience.lifecycleStage ? t(`account.lifecycle.${p.audience.lifecycleStage}`) : null,
    p.audience.contactRole ? t(`contact.role.${p.audience.contactRole}`) : null,
  ]
    .filter(Boolean)
    .join(' · ') || t('nurture.audience.everyone');

type Sort = 'name' | 'status' | 'enrolled' | 'sent' | 'unsubscribed' | 'updatedAt';

/** The sending allowance: at most N nurture e-mails per minute or hour. */
function SettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: nurtureKeys.settings,
    queryFn: async () => unwrap(await api.GET('/api/v1/nurture/settings')),
    enabled: opened,
  });
  const [draft, setDraft] = useState<NurtureSettings | null>(null);
  const value = draft ?? settings.data ?? null;
  const save = useMutation({
    mutationFn: async (body: NurtureSettings) => unwrap(await api.PUT('/api/v1/nurture/settings', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: nurtureKeys.settings });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('nurture.settings.title')}>
      {value ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('nurture.settings.hint')}
          </Text>
          <Group align="end">
            <NumberInput
              label={t('nurture.settings.max')}
              min={1}
              max={100000}
              value={value.maxPerWindow}
              onChange={(v) => typeof v === 'number' && setDraft({ ...value, maxPerWindow: v })}
              data-testid="nurture-max"
            />
            <Select
              label={t('nurture.settings.window')}
              value={value.window}
              allowDeselect={false}
              onChange={(v) => v && setDraft({ ...value, window: v as NurtureSettings['window'] })}
              data={[
                { value: 'minute', label: t('nurture.settings.perMinute') },
                { value: 'hour', label: t('nurture.settings.perHour') },
              ]}
            />
          </Group>
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => save.mutate(value)} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** The nurture programmes: status filter, search, sort, paging, CSV; a new one, the sending allowance. */
export function NurturePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('nurture:write');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const programmes = useQuery({ queryKey: nurtureKeys.list, queryFn: async () => unwrap(await api.GET('/api/v1/nurture/programmes')) });
  const controls = useListState<{ status?: ProgrammeStatus }, Sort>({ sort: 'name', order: 'asc', filters: {} });
  const list = useLocalList(programmes.data?.items, controls, {
    language: i18n.language,
    isLoading: programmes.isLoading,
    isFetching: programmes.isFetching,
    searchText: (p) => p.name,
    sortValues: {
      name: (p) => p.name,
      status: (p) => PROGRAMME_STATUSES.indexOf(p.status),
      enrolled: (p) => p.figures.enrolled,
      sent: (p) => p.figures.sent,
      unsubscribed: (p) => p.figures.unsubscribed,
      updatedAt: (p) => p.updatedAt,
    },
    filter: (p, f) => !f.status || p.status === f.status,
  });
  const columns = useMemo<DataColumn<Programme>[]>(
    () => [
      {
        id: 'name',
        header: t('nurture.fields.name'),
        enableSorting: true,
        cell: ({ row: { original: p } }) => (
          <Group gap="xs" wrap="nowrap">
            <Anchor
              renderRoot={(props) => <Link {...props} to="/nurture/$programmeId" params={{ programmeId: p.id }} />}
              fw={600}
              size="sm"
            >
              {p.name}
            </Anchor>
            {p.isDefault ? (
              <Badge size="xs" variant="light">
                {t('nurture.preset')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'status',
        header: t('nurture.fields.status'),
        enableSorting: true,
        cell: ({ row: { original: p } }) => (
          <Badge color={STATUS_COLORS[p.status]} variant="light">
            {t(`nurture.status.${p.status}`)}
          </Badge>
        ),
      },
      { id: 'audience', header: t('nurture.fields.audience'), cell: ({ row: { original: p } }) => audienceOf(p, t) },
      {
        id: 'steps',
        header: t('nurture.fields.steps'),
        meta: { align: 'right' },
        cell: ({ row: { original: p } }) => formatNumber(p.steps.length),
      },
      {
        id: 'enrolled',
        header: t('nurture.figures.enrolled'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row: { original: p } }) => formatNumber(p.figures.enrolled),
      },
      {
        id: 'sent',
        header: t('nurture.figures.sent'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row: { original: p } }) => formatNumber(p.figures.sent),
      },
      {
        id: 'unsubscribed',
        header: t('nurture.figures.unsubscribed'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row: { original: p } }) => formatNumber(p.figures.unsubscribed),
      },
      {
        id: 'updatedAt',
        header: t('nurture.fields.updatedAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row: { original: p } }) => formatDate(p.updatedAt),
      },
    ],
    [t],
  );
  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.nurture')}
        subtitle={t('nurture.subtitle')}
        actions={
          canWrite ? (
            <Group>
              <Button
                variant="default"
                leftSection={<IconSettings size={16} />}
                onClick={() => setSettingsOpen(true)}
                data-testid="nurture-settings"
              >
                {t('nurture.settings.title')}
              </Button>
              <Button
                leftSection={<IconPlus size={16} />}
                renderRoot={(props) => <Link {...props} to="/nurture/$programmeId/edit" params={{ programmeId: 'new' }} />}
                data-testid="new-nurture-programme"
              >
                {t('nurture.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      <DataTable
        testId="nurture-table"
        list={list}
        columns={columns}
        getRowId={(p) => p.id}
        onRowClick={(p) => void navigate({ to: '/nurture/$programmeId', params: { programmeId: p.id } })}
        emptyMessage={t('nurture.empty')}
        search={{ placeholder: t('nurture.search'), width: 220 }}
        filters={
          <SegmentedControl
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as ProgrammeStatus) })}
            data={[
              { value: 'all', label: t('common.all') },
              ...PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`nurture.status.${s}`) })),
            ]}
          />
        }
        onExport={() =>
          downloadCsv(
            'nurture-programmes.csv',
            [
              [t('nurture.fields.name'), (p: Programme) => p.name],
              [t('nurture.fields.status'), (p: Programme) => t(`nurture.status.${p.status}`)],
              [t('nurture.fields.audience'), (p: Programme) => audienceOf(p, t)],
              [t('nurture.fields.steps'), (p: Programme) => p.steps.length],
              [t('nurture.figures.enrolled'), (p: Programme) => p.figures.enrolled],
              [t('nurture.figures.sent'), (p: Programme) => p.figures.sent],
              [t('nurture.figures.unsubscribed'), (p: Programme) => p.figures.unsubscribed],
              [t('nurture.fields.updatedAt'), (p: Programme) => p.updatedAt],
            ],
            list.all ?? [],
          )
        }
      />
      <SettingsModal key={String(settingsOpen)} opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}
