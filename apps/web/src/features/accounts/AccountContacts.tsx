import { ActionIcon, Anchor, Button, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPencil, IconSearch, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable, type SortOrder } from '../../components/DataTable.tsx';
import { api, buildUrl, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import type { Contact, ContactSort } from '../../lib/types.ts';
import { ContactFormModal } from '../contacts/ContactFormModal.tsx';
import { RoleBadges } from '../contacts/RoleBadges.tsx';

const PAGE_SIZE = 25;

export function contactName(c: Pick<Contact, 'firstName' | 'lastName'>): string {
  return `${c.firstName} ${c.lastName}`.trim();
}

/** The account's contacts: search, sort, page, export, add, edit, delete. */
export function AccountContacts({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('contact:write');
  const canExport = useCan('export:run');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort: ContactSort; order: SortOrder }>({ sort: 'name', order: 'asc' });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [formOpened, formModal] = useDisclosure();
  const [editing, setEditing] = useState<Contact | undefined>();
  const [deleting, setDeleting] = useState<Contact | null>(null);

  const list = useQuery({
    queryKey: ['contacts', 'account', accountId, page, sort, q],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/contacts', {
          params: { path: { id: accountId }, query: { page, pageSize: PAGE_SIZE, sort: sort.sort, order: sort.order, q: q || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const remove = useMutation({
    mutationFn: async (contact: Contact) => unwrap(await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: contact.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
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
        <Text size="sm" fw={500}>
          {contactName(row.original)}
        </Text>
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
        data={list.data?.items}
        total={list.data?.total}
        getRowId={(c) => c.id}
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={setPage}
        sort={sort.sort}
        order={sort.order}
        onSortChange={(s, order) => setSort({ sort: s as ContactSort, order })}
        toolbar={
          <TextInput
            w={260}
            leftSection={<IconSearch size={16} />}
            placeholder={t('contact.searchPlaceholder')}
            aria-label={t('common.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            data-testid="account-contacts-search"
          />
        }
        exportUrl={
          canExport
            ? buildUrl('/api/v1/contacts/export.csv', { accountId, q: q || undefined, sort: sort.sort, order: sort.order })
            : undefined
        }
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
