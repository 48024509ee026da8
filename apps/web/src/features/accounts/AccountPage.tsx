import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconAlertTriangle,
  IconArchive,
  IconArchiveOff,
  IconHistory,
  IconInfoCircle,
  IconPencil,
  IconTimeline,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { accountBadgeExtensions, accountFactExtensions, accountTabExtensions } from '../../app/accountTabs.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type OverflowTab, OverflowTabsList } from '../../components/OverflowTabsList.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { ApiError, api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import type { Account } from '../../lib/types.ts';
import { AccountContacts } from './AccountContacts.tsx';
import { AccountDetails } from './AccountDetails.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';
import { AccountHistory } from './AccountHistory.tsx';
import { AccountTimeline } from './AccountTimeline.tsx';
import { LifecycleBadge, TagList } from './badges.tsx';
import { accountKeys } from './queryKeys.ts';
import { ACCOUNT_TABS, type AccountTab } from './search.ts';
import { WebsiteLink } from './WebsiteLink.tsx';

const route = getRouteApi('/app/accounts/$accountId');

export function accountQuery(id: string) {
  return {
    queryKey: accountKeys.detail(id),
    queryFn: async (): Promise<Account> => unwrap(await api.GET('/api/v1/accounts/{id}', { params: { path: { id } } })),
  };
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={2}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** A mistyped or stale link, an account of another organisation, or one outside a CSM's own accounts. */
function AccountNotFound() {
  const { t } = useTranslation();
  return (
    <Stack maw={560} mt="xl" data-testid="account-not-found">
      <Alert color="gray" title={t('account.notFoundTitle')} icon={<IconAlertTriangle />}>
        {t('account.notFound')}
      </Alert>
      <div>
        <Button component={Link} to="/accounts" variant="default">
          {t('account.backToList')}
        </Button>
      </div>
    </Stack>
  );
}

/** The account's "360" view: who owns it, where it is, its contacts, what happened, and its history. */
export function AccountPage() {
  const { t } = useTranslation();
  const { accountId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/accounts/$accountId' });
  const queryClient = useQueryClient();
  const canWrite = useCan('account:write');
  const canArchive = useCan('account:archive');
  const canAudit = useCan('audit:read');
  const me = useMe();
  const [editOpened, editModal] = useDisclosure();
  const [archiveOpened, archiveModal] = useDisclosure();

  const account = useQuery(accountQuery(accountId));

  const toggleArchive = useMutation({
    mutationFn: async (archive: boolean) => {
      const params = { params: { path: { id: accountId } } };
      return unwrap(
        archive ? await api.POST('/api/v1/accounts/{id}/archive', params) : await api.POST('/api/v1/accounts/{id}/unarchive', params),
      );
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(accountKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: accountKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'account', saved.id] });
      notifySuccess(saved.archivedAt ? t('account.archivedDone') : t('account.unarchivedDone'));
      archiveModal.close();
    },
    onError: (error) => notifyError(error),
  });

  if (account.error instanceof ApiError && account.error.status === 404) return <AccountNotFound />;
  if (account.error) return <RouteError error={account.error} reset={() => void account.refetch()} />;
  const a = account.data;
  const badges = accountBadgeExtensions().filter((x) => !x.permission || me.permissions.includes(x.permission));
  const facts = accountFactExtensions().filter((x) => !x.permission || me.permissions.includes(x.permission));
  const extraTabs = accountTabExtensions().filter((x) => !x.permission || me.permissions.includes(x.permission));
  const known = [...ACCOUNT_TABS.filter((k) => k !== 'history' || canAudit), ...extraTabs.map((x) => x.key)];
  const tab: AccountTab = search.tab && known.includes(search.tab) ? search.tab : 'contacts';
  const selectTab = (v: string) =>
    navigate({ search: (prev) => ({ ...prev, tab: v === 'contacts' ? undefined : (v as AccountTab) }), replace: true });
  // The everyday tabs first, the features' next, the record's own (details, history) last; what does not fit is under "More".
  const tabItems: OverflowTab[] = [
    { value: 'contacts', label: t('account.tabs.contacts'), icon: <IconAddressBook size={16} /> },
    { value: 'timeline', label: t('account.tabs.timeline'), icon: <IconTimeline size={16} /> },
    ...extraTabs.map((x) => ({
      value: x.key,
      label: t(x.label),
      icon: x.icon ? <x.icon size={16} /> : undefined,
      testId: `account-tab-${x.key}`,
    })),
    { value: 'details', label: t('account.tabs.details'), icon: <IconInfoCircle size={16} /> },
    ...(canAudit ? [{ value: 'history', label: t('account.tabs.history'), icon: <IconHistory size={16} /> }] : []),
  ];

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/accounts" size="sm">
          {t('nav.accounts')}
        </Anchor>
        <Text size="sm">{a?.name ?? '…'}</Text>
      </Breadcrumbs>
      <Paper withBorder p="lg">
        {a ? (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="sm">
                  <Title order={2} fz={24} data-testid="account-name">
                    {a.name}
                  </Title>
                  <LifecycleBadge stage={a.lifecycleStage} />
                  {/* Other features' badges and tabs load with this page (their code is split off): nothing until then. */}
                  <Suspense fallback={null}>
                    {badges.map(({ key, component: ExtraBadge }) => (
                      <ExtraBadge key={key} accountId={a.id} />
                    ))}
                  </Suspense>
                  {a.archivedAt ? (
                    <Badge color="gray" variant="filled" data-testid="archived-badge">
                      {t('account.archivedSince', { date: formatDate(a.archivedAt) })}
                    </Badge>
                  ) : null}
                </Group>
                <Group gap="md">
                  {a.domain ? (
                    <Text size="sm" c="dimmed">
                      {a.domain}
                    </Text>
                  ) : null}
                  {a.website ? <WebsiteLink website={a.website} /> : null}
                </Group>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                {canWrite ? (
                  <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open} data-testid="edit-account">
                    {t('common.edit')}
                  </Button>
                ) : null}
                {canArchive ? (
                  <Button
                    variant="default"
                    color={a.archivedAt ? undefined : 'red'}
                    leftSection={a.archivedAt ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                    onClick={a.archivedAt ? () => toggleArchive.mutate(false) : archiveModal.open}
                    loading={toggleArchive.isPending && !archiveOpened}
                    data-testid={a.archivedAt ? 'unarchive-account' : 'archive-account'}
                  >
                    {a.archivedAt ? t('account.unarchive') : t('account.archive')}
                  </Button>
                ) : null}
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="lg">
              <Fact label={t('account.fields.owner')}>{a.ownerName ?? t('account.noOwner')}</Fact>
              <Fact label={t('account.fields.market')}>{a.marketName ? `${a.marketName} (${a.marketCode})` : '—'}</Fact>
              <Fact label={t('account.fields.segment')}>{a.segment ? t(`account.segment.${a.segment}`) : '—'}</Fact>
              <Fact label={t('account.fields.edition')}>{a.edition ? t(`account.edition.${a.edition}`) : '—'}</Fact>
              <Fact label={t('account.fields.lifecycleStage')}>{t(`account.lifecycle.${a.lifecycleStage}`)}</Fact>
              <Fact label={t('account.fields.tags')}>
                <TagList tags={a.tags} />
              </Fact>
              {facts.map(({ key, label, component: Value }) => (
                <Fact key={key} label={t(label)} testId={`account-fact-${key}`}>
                  <Suspense fallback="…">
                    <Value accountId={a.id} />
                  </Suspense>
                </Fact>
              ))}
            </SimpleGrid>
          </Stack>
        ) : (
          <Stack>
            <Skeleton h={28} w="40%" />
            <Skeleton h={40} />
          </Stack>
        )}
      </Paper>

      <Tabs value={tab} onChange={(v) => v && selectTab(v)} keepMounted={false}>
        <OverflowTabsList tabs={tabItems} active={tab} onChange={selectTab} />
        <Tabs.Panel value="contacts">
          <AccountContacts accountId={accountId} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <AccountTimeline
            accountId={accountId}
            search={{ kind: search.kind, q: search.q, order: search.order }}
            onSearchChange={(changes) => navigate({ search: (prev) => ({ ...prev, ...changes }), replace: true })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="details">{a ? <AccountDetails account={a} /> : null}</Tabs.Panel>
        {canAudit ? (
          <Tabs.Panel value="history">
            <AccountHistory accountId={accountId} />
          </Tabs.Panel>
        ) : null}
        {extraTabs.map((x) => (
          <Tabs.Panel key={x.key} value={x.key}>
            <Suspense fallback={<Loader size="sm" m="md" />}>
              <x.component accountId={accountId} />
            </Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>

      {a ? <AccountFormModal opened={editOpened} onClose={editModal.close} account={a} /> : null}
      <ConfirmModal
        opened={archiveOpened}
        onClose={archiveModal.close}
        title={t('account.archiveTitle')}
        message={t('account.archiveConfirm', { name: a?.name ?? '' })}
        confirmLabel={t('account.archive')}
        loading={toggleArchive.isPending}
        onConfirm={() => toggleArchive.mutate(true)}
      />
    </Stack>
  );
}
