import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateField } from '../../components/DateField.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { competitorKeys } from './queryKeys.ts';
import { type AccountCompetitor, LINK_COLORS, LINK_STATUSES, type LinkStatus } from './types.ts';

/** The account page's "Competitors" tab: which competitors the account uses or evaluates, lost to or was won from. */
export function AccountCompetitors({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('account_competitor:write');
  const [editing, setEditing] = useState<AccountCompetitor | 'new' | null>(null);
  const [removing, setRemoving] = useState<AccountCompetitor | null>(null);
  const links = useQuery({
    queryKey: competitorKeys.ofAccount(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/competitors', { params: { path: { id: accountId } } })).items,
  });
  const remove = useMutation({
    mutationFn: async (l: AccountCompetitor) =>
      unwrap(await api.DELETE('/api/v1/account-competitors/{id}', { params: { path: { id: l.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: competitorKeys.all });
      setRemoving(null);
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {t('competitor.link.help')}
        </Text>
        {canWrite ? (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="add-account-competitor">
            {t('competitor.link.add')}
          </Button>
        ) : null}
      </Group>
      {!links.data ? (
        <Skeleton h={60} />
      ) : !links.data.length ? (
        <Text size="sm" c="dimmed" data-testid="account-competitors-empty">
          {t('competitor.link.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" data-testid="account-competitors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('competitor.fields.name')}</Table.Th>
              <Table.Th>{t('competitor.link.status')}</Table.Th>
              <Table.Th>{t('competitor.link.since')}</Table.Th>
              <Table.Th>{t('competitor.link.note')}</Table.Th>
              {canWrite ? <Table.Th w={80} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/competitors/$competitorId" params={{ competitorId: l.competitorId }} />}
                    size="sm"
                    fw={600}
                  >
                    {l.competitorName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={LINK_COLORS[l.status]} variant="light">
                    {t(`competitor.linkStatus.${l.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(l.since)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{l.note ?? '—'}</Text>
                </Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Group gap={2} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('competitor.link.editNamed', { name: l.competitorName })}
                          onClick={() => setEditing(l)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('common.delete')}>
                        <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => setRemoving(l)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LinkFormModal accountId={accountId} link={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('competitor.link.removeTitle')}
        message={t('competitor.link.removeConfirm', { name: removing?.competitorName ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Paper>
  );
}

function LinkFormModal({ accountId, link, onClose }: { accountId: string; link: AccountCompetitor | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = link === 'new';
  const competitors = useQuery({
    queryKey: [...competitorKeys.list, 'active'],
    queryFn: async () => unwrap(await api.GET('/api/v1/competitors', { params: { query: { status: 'active' } } })).items,
    enabled: link !== null,
  });
  const [form, setForm] = useState<{ competitorId: string | null; status: LinkStatus; since: string | null; note: string }>({
    competitorId: null,
    status: 'evaluating',
    since: null,
    note: '',
  });
  useEffect(() => {
    if (link === 'new') setForm({ competitorId: null, status: 'evaluating', since: null, note: '' });
    else if (link) setForm({ competitorId: link.competitorId, status: link.status, since: link.since, note: link.note ?? '' });
  }, [link]);
  const save = useMutation({
    mutationFn: async () => {
      const body = { competitorId: form.competitorId ?? '', status: form.status, since: form.since || null, note: form.note || null };
      if (isNew) return unwrap(await api.POST('/api/v1/accounts/{id}/competitors', { params: { path: { id: accountId } }, body }));
      if (!link) throw new Error('no link');
      return unwrap(await api.PATCH('/api/v1/account-competitors/{id}', { params: { path: { id: link.id } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: competitorKeys.all });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  const options = (competitors.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (link && link !== 'new' && !options.some((o) => o.value === link.competitorId))
    options.push({ value: link.competitorId, label: link.competitorName });
  return (
    <Modal opened={link !== null} onClose={onClose} title={isNew ? t('competitor.link.add') : t('competitor.link.edit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('competitor.fields.name')}
            required
            searchable
            data={options}
            value={form.competitorId}
            onChange={(v) => setForm({ ...form, competitorId: v })}
            error={errors.competitorId}
            nothingFoundMessage={t('competitor.empty')}
            data-testid="link-competitor"
          />
          <Select
            label={t('competitor.link.status')}
            allowDeselect={false}
            data={LINK_STATUSES.map((s) => ({ value: s, label: t(`competitor.linkStatus.${s}`) }))}
            value={form.status}
            onChange={(v) => v && setForm({ ...form, status: v as LinkStatus })}
            error={errors.status}
          />
          <DateField
            label={t('competitor.link.since')}
            clearable
            value={form.since}
            onChange={(v) => setForm({ ...form, since: v })}
            error={errors.since}
          />
          <Textarea
            label={t('competitor.link.note')}
            autosize
            minRows={2}
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
            error={errors.note}
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!form.competitorId} data-testid="save-account-competitor">
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
