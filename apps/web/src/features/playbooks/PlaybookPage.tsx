import { Alert, Button, Code, Group, Paper, Skeleton, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { DryRunResults } from './PlaybookPanels.tsx';
import { playbookKeys } from './queryKeys.ts';
import { type Rule, RuleEditor } from './RuleEditor.tsx';
import { RunLog } from './RunLog.tsx';
import type { DryRunResult, Playbook } from './types.ts';

const route = getRouteApi('/app/playbooks/$playbookId');

interface Form extends Rule {
  name: string;
  description: string;
  enabled: boolean;
}
const blank: Form = {
  name: '',
  description: '',
  enabled: true,
  trigger: 'health_red',
  triggerParams: {},
  conditions: [],
  actions: [{ type: 'task', title: '', dueInDays: 3, assignee: 'owner', priority: 'normal' }],
};
const toForm = (p: Playbook): Form => ({
  name: p.name,
  description: p.description ?? '',
  enabled: p.enabled,
  trigger: p.trigger,
  triggerParams: p.triggerParams,
  conditions: p.conditions,
  actions: p.actions,
});

/** One playbook: its rule in the editor (when / if / then), a dry run of the accounts it would match now, and its run log. */
export function PlaybookPage() {
  const { t } = useTranslation();
  const { playbookId } = route.useParams();
  const isNew = playbookId === 'new';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('playbook:write');
  const [form, setForm] = useState<Form>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const query = useQuery({
    queryKey: playbookKeys.one(playbookId),
    enabled: !isNew,
    queryFn: async () => unwrap(await api.GET('/api/v1/playbooks/{id}', { params: { path: { id: playbookId } } })),
  });
  useEffect(() => {
    setForm(query.data ? toForm(query.data) : blank);
    setErrors({});
    setDry(null);
  }, [query.data]);

  const body = () => ({ ...form, name: form.name.trim(), description: form.description.trim() || null });
  const save = useMutation({
    mutationFn: async () =>
      isNew
        ? unwrap(await api.POST('/api/v1/playbooks', { body: body() }))
        : unwrap(await api.PATCH('/api/v1/playbooks/{id}', { params: { path: { id: playbookId } }, body: body() })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: playbookKeys.all });
      notifySuccess(t('playbook.saved', { name: saved.name }));
      if (isNew) void navigate({ to: '/playbooks/$playbookId', params: { playbookId: saved.id } });
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const dryRun = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/playbooks/dry-run', {
          body: { trigger: form.trigger, triggerParams: form.triggerParams, conditions: form.conditions },
        }),
      ),
    onSuccess: (r) => {
      setErrors({});
      setDry(r);
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/playbooks/{id}', { params: { path: { id: playbookId } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: playbookKeys.all });
      void navigate({ to: '/playbooks' });
    },
    onError: notifyError,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ name: t('form.required') });
    save.mutate();
  };

  if (!isNew && query.isLoading) return <Skeleton h={400} />;
  if (!isNew && query.isError) return <Alert color="red">{t('playbook.notFound')}</Alert>;
  const secret = query.data?.webhookSecret;
  return (
    <form onSubmit={submit} noValidate data-testid="playbook-form">
      <PageHeader
        title={isNew ? t('playbook.new') : form.name || t('playbook.untitled')}
        subtitle={query.data?.preset ? t('playbook.preloaded') : undefined}
        actions={
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconPlayerPlay size={16} />}
              onClick={() => dryRun.mutate()}
              loading={dryRun.isPending}
              data-testid="dry-run"
            >
              {t('playbook.dryRun.button')}
            </Button>
            {canWrite && !isNew && (
              <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                {t('playbook.delete')}
              </Button>
            )}
            {canWrite && (
              <Button type="submit" loading={save.isPending} data-testid="save-playbook">
                {t('playbook.save')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Group align="flex-start" grow>
            <TextInput
              label={t('playbook.fields.name')}
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              error={errors.name}
            />
            <Textarea
              label={t('playbook.fields.description')}
              autosize
              minRows={1}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              error={errors.description}
            />
          </Group>
          <Switch
            mt="sm"
            label={t('playbook.enabledLabel')}
            checked={form.enabled}
            onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
          />
        </Paper>
        <RuleEditor rule={form} errors={errors} onChange={(r) => setForm({ ...form, ...r })} />
        {dry && <DryRunResults result={dry} />}
        {secret && form.actions.some((a) => a.type === 'webhook') && (
          <Paper withBorder p="md">
            <Text size="sm">{t('playbook.webhook.secret')}</Text>
            <Code data-testid="webhook-secret">{secret}</Code>
          </Paper>
        )}
        {!isNew && <RunLog playbookId={playbookId} />}
      </Stack>
      <ConfirmModal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('playbook.deleteTitle')}
        message={t('playbook.deleteConfirm', { name: form.name })}
        confirmLabel={t('playbook.delete')}
        onConfirm={() => remove.mutate()}
      />
    </form>
  );
}
