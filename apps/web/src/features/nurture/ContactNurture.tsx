import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { nurtureKeys } from './queryKeys.ts';

/** On the contact's page: unsubscribed from nurture e-mail (and when), and the programmes they are in. */
export function ContactNurture({ contactId }: { contactId: string }): ReactElement | null {
  const { t } = useTranslation();
  const can = useCan('nurture:read');
  const q = useQuery({
    queryKey: nurtureKeys.contact(contactId),
    queryFn: async () => unwrap(await api.GET('/api/v1/contacts/{id}/nurture', { params: { path: { id: contactId } } })),
    enabled: can,
  });
  if (!can || !q.data) return null;
  const d = q.data;
  return (
    <Paper withBorder p="md" data-testid="contact-nurture">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('nurture.contact.title')}</Title>
        {d.unsubscribedAt ? (
          <Badge color="gray" data-testid="contact-unsubscribed">
            {t('nurture.contact.unsubscribed', { date: formatDate(d.unsubscribedAt) })}
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            {t('nurture.contact.subscribed')}
          </Badge>
        )}
      </Group>
      {d.programmes.length ? (
        <Stack gap={4}>
          {d.programmes.map((p) => (
            <Group key={p.programmeId} gap="xs">
              <Anchor
                size="sm"
                renderRoot={(props) => <Link {...props} to="/nurture/$programmeId" params={{ programmeId: p.programmeId }} />}
              >
                {p.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t('nurture.contact.progress', { sent: p.stepsSent, total: p.stepsTotal, date: formatDate(p.enrolledAt) })}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('nurture.contact.none')}
        </Text>
      )}
    </Paper>
  );
}
