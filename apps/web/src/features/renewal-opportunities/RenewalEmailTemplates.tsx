import { Badge, Button, Code, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { renewalKeys } from './queryKeys.ts';

type Kind = 'reminder' | 'confirmation';
type Lang = 'en' | 'nl' | 'da';

/**
 * The customer e-mails' templates: one kind and language at a time, its subject and body with `{placeholders}`, a
 * preview as a contact reads it (sample facts, rendered by the server), save and back to the built-in text.
 */
export function RenewalEmailTemplates() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('reminder');
  const [language, setLanguage] = useState<Lang>('en');
  const templates = useQuery({
    queryKey: renewalKeys.templates,
    queryFn: async () => unwrap(await api.GET('/api/v1/renewal-settings/email-templates')),
  });
  const current = templates.data?.items.find((x) => x.kind === kind && x.language === language);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  useEffect(() => {
    if (current) {
      setSubject(current.subject);
      setBody(current.body);
    }
  }, [current]);
  const preview = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/renewal-settings/email-templates/preview', { body: { kind, language, subject, body } })),
    onError: (e) => notifyError(e),
  });
  const { reset: clearPreview } = preview;
  // A preview belongs to the text it was made of.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever what it showed changes
  useEffect(() => clearPreview(), [kind, language, subject, body, clearPreview]);
  const saved = (data: unknown) => {
    void queryClient.invalidateQueries({ queryKey: renewalKeys.templates });
    notifySuccess(t('renewalSettings.templateSaved'));
    return data;
  };
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/v1/renewal-settings/email-templates', { body: { kind, language, subject, body } })),
    onSuccess: saved,
    onError: (e) => notifyError(e),
  });
  const reset = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/renewal-settings/email-templates/reset', { body: { kind, language } })),
    onSuccess: saved,
    onError: (e) => notifyError(e),
  });
  return (
    <Paper withBorder p="lg" data-testid="renewal-email-templates">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>{t('renewalSettings.templates')}</Title>
          {current ? (
            <Badge variant="light" color={current.custom ? 'blue' : 'gray'}>
              {current.custom ? t('renewalSettings.custom') : t('renewalSettings.builtIn')}
            </Badge>
          ) : null}
        </Group>
        <Group>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            data={[
              { value: 'reminder', label: t('renewalSettings.kinds.reminder') },
              { value: 'confirmation', label: t('renewalSettings.kinds.confirmation') },
            ]}
          />
          <SegmentedControl
            value={language}
            onChange={(v) => setLanguage(v as Lang)}
            data={(['en', 'nl', 'da'] as const).map((l) => ({ value: l, label: t(`renewalSettings.languages.${l}`) }))}
            data-testid="template-language"
          />
        </Group>
        {!current ? (
          <Skeleton h={260} />
        ) : (
          <>
            <TextInput label={t('renewalSettings.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
            <Textarea
              label={t('renewalSettings.body')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={7}
              data-testid="template-body"
            />
            <Text size="xs" c="dimmed">
              {t('renewalSettings.placeholders')}{' '}
              {(templates.data?.placeholders ?? []).map((p) => (
                <Code key={p} mr={4}>{`{${p}}`}</Code>
              ))}
            </Text>
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => reset.mutate()} loading={reset.isPending} disabled={!current.custom}>
                {t('renewalSettings.reset')}
              </Button>
              <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending} data-testid="template-preview">
                {t('renewalSettings.preview')}
              </Button>
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
            {preview.data ? (
              <Paper withBorder p="md" bg="var(--mantine-color-gray-0)" data-testid="template-preview-text">
                <Text size="xs" c="dimmed">
                  {t('renewalSettings.previewHint')}
                </Text>
                <Text fw={600} mt={4}>
                  {preview.data.subject}
                </Text>
                <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {preview.data.text}
                </Text>
              </Paper>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}
