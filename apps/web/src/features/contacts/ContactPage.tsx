import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { DetailRows } from '../../components/DetailRows.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { ApiError, api, unwrap } from '../../lib/api.ts';
import { formatCustomValue, formatDate, formatDateTime } from '../../lib/format.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import { ContactNurture } from '../nurture/index.ts';
import { ContactFormModal } from './ContactFormModal.tsx';
import { contactName } from './contactName.ts';
import { contactKeys } from './queryKeys.ts';
import { RoleBadges } from './RoleBadges.tsx';

const route = getRouteApi('/app/contacts/$contactId');

/** A mistyped or stale link, a contact of another organisation, or one at an account the user may not see. */
function ContactNotFound() {
  const { t } = useTranslation();
  return (
    <Stack maw={560} mt="xl" data-testid="contact-not-found">
      <Alert color="gray" title={t('contact.notFoundTitle')} icon={<IconAlertTriangle />}>
        {t('contact.notFound')}
      </Alert>
      <div>
        <Button component={Link} to="/contacts" variant="default">
          {t('contact.backToList')}
        </Button>
      </div>
    </Stack>
  );
}

/** One contact: who they are, how to reach them, their account, their custom fields; edit in place. */
export function ContactPage() {
  const { t } = useTranslation();
  const { contactId } = route.useParams();
  const canWrite = useCan('contact:write');
  const customFields = useCustomFields('contact');
  const [editOpened, editModal] = useDisclosure();
  const contact = useQuery({
    queryKey: contactKeys.detail(contactId),
    queryFn: async () => unwrap(await api.GET('/api/v1/contacts/{id}', { params: { path: { id: contactId } } })),
  });

  if (contact.error instanceof ApiError && contact.error.status === 404) return <ContactNotFound />;
  if (contact.error) return <RouteError error={contact.error} reset={() => void contact.refetch()} />;
  const c = contact.data;
  const dash = '—';

  const rows: [string, ReactNode][] = c
    ? [
        [
          t('contact.fields.account'),
          <Anchor
            key="account"
            renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: c.accountId }} />}
            size="sm"
            data-testid="contact-account"
          >
            {c.accountName}
          </Anchor>,
        ],
        [t('contact.fields.jobTitle'), c.jobTitle ?? dash],
        ...(c.leftOn ? [[t('contact.fields.leftOn'), formatDate(c.leftOn)] as [string, string]] : []),
        [
          t('contact.fields.email'),
          c.email ? (
            <Anchor key="email" href={`mailto:${c.email}`} size="sm">
              {c.email}
            </Anchor>
          ) : (
            dash
          ),
        ],
        [t('contact.fields.phone'), c.phone ?? dash],
        [t('contact.fields.roles'), c.roles.length ? <RoleBadges key="roles" roles={c.roles} /> : dash],
        [t('contact.fields.language'), c.language ? t(`languages.${c.language}`, { defaultValue: c.language }) : dash],
        [t('contact.fields.externalId'), c.externalId ?? dash],
        [t('contact.fields.createdAt'), formatDateTime(c.createdAt)],
        [t('contact.fields.updatedAt'), formatDateTime(c.updatedAt)],
      ]
    : [];
  const custom: [string, ReactNode][] = c
    ? (customFields.data ?? []).map((f) => [f.label, formatCustomValue(f.type, c.custom[f.key])])
    : [];

  return (
    <Stack gap="md" data-testid="contact-page">
      <Breadcrumbs>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('nav.contacts')}
        </Anchor>
        <Text size="sm">{c ? contactName(c) : '…'}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{c ? contactName(c) : <Skeleton h={28} w={240} />}</Title>
          {c ? (
            <Text c="dimmed" size="sm">
              {[c.jobTitle, c.accountName].filter(Boolean).join(' · ')}
            </Text>
          ) : null}
        </Stack>
        {canWrite && c ? (
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open} data-testid="edit-contact">
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          {c ? <DetailRows rows={rows} /> : <Skeleton h={200} />}
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} fz="sm" mb="xs">
            {t('contact.customFields')}
          </Title>
          {custom.length ? (
            <DetailRows rows={custom} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('contact.noCustomFields')}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
      {c ? (
        <Suspense fallback={null}>
          <ContactNurture contactId={c.id} />
        </Suspense>
      ) : null}
      {c && canWrite ? <ContactFormModal opened={editOpened} onClose={editModal.close} accountId={c.accountId} contact={c} /> : null}
    </Stack>
  );
}
