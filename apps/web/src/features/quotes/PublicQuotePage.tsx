import { Alert, Anchor, Button, Card, Center, Container, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import i18n from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showPageInLanguage } from '../../i18n/index.ts';
import { api, fieldErrors, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { QuoteDocumentView } from './QuoteDocumentView.tsx';
import { quoteKeys } from './queryKeys.ts';

const route = getRouteApi('/q/$token');

/** The customer's page behind the e-mailed link: the quote in its language, its PDF, accept by name or decline with a reason. */
export function PublicQuotePage() {
  const { t } = useTranslation();
  const { token } = route.useParams();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  const quote = useQuery({
    queryKey: quoteKeys.public(token),
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/v1/public/quotes/{token}', { params: { path: { token } } })),
  });
  useEffect(() => {
    const lang = quote.data?.language;
    if (lang && lang !== i18n.language) void showPageInLanguage(lang);
  }, [quote.data?.language]);
  const decide = useMutation({
    mutationFn: async (what: 'accept' | 'decline') =>
      what === 'accept'
        ? unwrap(await api.POST('/api/v1/public/quotes/{token}/accept', { params: { path: { token } }, body: { name } }))
        : unwrap(await api.POST('/api/v1/public/quotes/{token}/decline', { params: { path: { token } }, body: { reason } })),
    onSuccess: (q) => qc.setQueryData(quoteKeys.public(token), q),
  });
  const errors = fieldErrors(decide.error);
  if (quote.isError)
    return (
      <Center h="100vh">
        <Stack align="center" gap="xs" data-testid="public-quote-missing">
          <Title order={3}>{t('quote.public.missingTitle')}</Title>
          <Text c="dimmed">{t('quote.public.missing')}</Text>
        </Stack>
      </Center>
    );
  const q = quote.data;
  if (!q) return null;
  return (
    <Container size="md" py="xl">
      <Stack gap="md">
        <QuoteDocumentView
          doc={{ ...q, reference: q.reference }}
          footer={
            q.acceptedAt ? (
              <Alert color="green" data-testid="public-quote-accepted">
                {t('quote.public.accepted', { name: q.acceptedName, date: formatDateTime(q.acceptedAt) })}
              </Alert>
            ) : null
          }
        />
        <Group justify="space-between">
          <Anchor href={`/api/v1/public/quotes/${token}/pdf`} target="_blank" data-testid="public-quote-pdf">
            {t('quote.public.pdf')}
          </Anchor>
        </Group>
        {q.status === 'declined' ? <Alert color="orange">{t('quote.public.declined')}</Alert> : null}
        {q.status === 'expired' ? <Alert color="gray">{t('quote.public.expired')}</Alert> : null}
        {q.status === 'open' ? (
          <Card withBorder>
            {!declining ? (
              <Stack gap="sm">
                <Text>{t('quote.public.acceptIntro')}</Text>
                <TextInput
                  label={t('quote.public.name')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={errors.name}
                  data-testid="public-quote-name"
                />
                <Group justify="space-between">
                  <Button variant="subtle" color="gray" onClick={() => setDeclining(true)} data-testid="public-quote-decline-open">
                    {t('quote.public.decline')}
                  </Button>
                  <Button
                    onClick={() => decide.mutate('accept')}
                    disabled={!name.trim()}
                    loading={decide.isPending}
                    data-testid="public-quote-accept"
                  >
                    {t('quote.public.accept')}
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Stack gap="sm">
                <Textarea
                  label={t('quote.public.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={errors.reason}
                  autosize
                  minRows={2}
                />
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setDeclining(false)}>
                    {t('common.cancel')}
                  </Button>
                  <Button
                    color="orange"
                    onClick={() => decide.mutate('decline')}
                    disabled={!reason.trim()}
                    loading={decide.isPending}
                    data-testid="public-quote-decline"
                  >
                    {t('quote.public.decline')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Card>
        ) : null}
      </Stack>
    </Container>
  );
}
