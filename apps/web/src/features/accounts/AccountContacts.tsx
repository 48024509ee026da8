import { ActionIcon, Anchor, Button, Group, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import type { Contact } from '../../lib/types.ts';
import { ContactFormModal, type ContactSort, contactKeys, contactName, RoleBadges } from '../contacts/index.ts';

/** The account's contacts: search, sort, page, export, add, edit, delete. */
export function AccountContacts({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('contact:write');
  const canExport = useCan('export:run');
  const [formOpened, formModal] = useDisclosure();
  const [editing, setEditing] = useState<Contact | undefined>();
  const [deleting, setDeleting] = useState<Contact | null>(null);

  const controls = useListState<Record<string, never>, ContactSort>({ sort: 'name', order: 'asc', filters: {}, pageSize: 25 });
  // The list and its CSV export share words and order.
  const list = useServerList(controls, {
    queryKey: contactKeys.ofAccount(accountId),
    toQuery: ({ q, sort, order }) => ({ q, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query } })),
  });

  const remove = useMutation({
    mutationFn: async (contact: Contact) => unwrap(await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: contact.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      notifySuccess(t('contact.deleted'));
      setDeleting(null);
    },
    onError: (error) => notifyError(error),
  });

  const openForm = (contact?: Contact) => {
    setEditing(contact);
    formModal.open();
  };

  const columns: DataColumn<Contact>[] = [
    {
      id: 'name',
      header: t('contact.fields.name'),
      enableSorting: true,
      meta: { noWrap: true },
      cell: ({ row }) => (
        <Anchor
          renderRoot={(props) => <Link {...props} to="/contacts/$contactId" params={{ contactId: row.original.id }} />}
          fw={500}
          size="sm"
        >
          {contactName(row.original)}
        </Anchor>
      ),
    },
    { id: 'jobTitle', header: t('contact.fields.jobTitle'), enableSorting: false, cell: ({ row }) => row.original.jobTitle ?? '—' },
    {
      id: 'email',
      header: t('contact.fields.email'),
      enableSorting: true,
      cell: ({ row }) =>
        row.original.email ? (
          <Anchor href={`mailto:${row.original.email}`} size="sm">
            {row.original.email}
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      id: 'phone',
      header: t('contact.fields.phone'),
      enableSorting: false,
      meta: { noWrap: true },
      cell: ({ row }) => row.original.phone ?? '—',
    },
    {
      id: 'roles',
      header: t('contact.fields.roles'),
      enableSorting: false,
      cell: ({ row }) => <RoleBadges roles={row.original.roles} />,
    },
    {
      id: 'language',
      header: t('contact.fields.language'),
      enableSorting: false,
      cell: ({ row }) => (row.original.language ? t(`languages.${row.original.language}`) : '—'),
    },
    ...(canWrite
      ? [
          {
            id: 'actions',
            header: '',
            enableSorting: false,
            meta: { width: 80, align: 'right' as const },
            cell: ({ row }: { row: { original: Contact } }) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Tooltip label={t('common.edit')}>
                  <ActionIcon variant="subtle" color="gray" onClick={() => openForm(row.original)} aria-label={t('common.edit')}>
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('common.delete')}>
                  <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(row.original)} aria-label={t('common.delete')}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <DataTable
        testId="account-contacts"
        columns={columns}
        list={list}
        getRowId={(c) => c.id}
        search={{ placeholder: t('contact.searchPlaceholder'), testId: 'account-contacts-search' }}
        exportUrl={canExport ? buildUrl('/api/v1/contacts/export.csv', { accountId, ...list.query }) : undefined}
        actions={
          canWrite ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => openForm()} data-testid="add-contact">
              {t('contact.add')}
            </Button>
          ) : null
        }
        emptyMessage={t('contact.emptyAccount')}
      />
      <ContactFormModal opened={formOpened} onClose={formModal.close} accountId={accountId} contact={editing} />
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('contact.deleteTitle')}
        message={t('contact.deleteConfirm', { name: deleting ? contactName(deleting) : '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </>
  );
}
