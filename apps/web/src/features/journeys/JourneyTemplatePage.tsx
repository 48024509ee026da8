import { Alert, Button, Checkbox, Group, Paper, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { MilestoneEditor } from './MilestoneEditor.tsx';
import { journeyKeys } from './queryKeys.ts';
import { TRIGGERS } from './search.ts';
import type { JourneyTemplate, MilestoneInput, TemplateInput } from './types.ts';

const route = getRouteApi('/app/journeys/templates/$templateId');
const blankMilestone = (week: number): MilestoneInput => ({ name: '', week, durationWeeks: 1, checklist: [], effort: 'medium' });
const blank: TemplateInput = { name: '', description: null, triggers: [], milestones: [blankMilestone(1)] };
const toInput = (x: JourneyTemplate): TemplateInput => ({
  name: x.name,
  description: x.description,
  triggers: x.triggers,
  milestones: x.milestones.map((m) => ({
    key: m.key,
    name: m.name,
    week: m.week,
    durationWeeks: m.durationWeeks,
    checklist: m.checklist,
    successCriteria: m.successCriteria,
    responsibleRole: (m.responsibleRole as MilestoneInput['responsibleRole']) ?? null,
    effort: m.effort,
  })),
});

/** The template editor: saving publishes a new version; the accounts running the journey keep the version they started. */
export function JourneyTemplatePage() {
  const { t } = useTranslation();
  const { templateId } = route.useParams();
  const isNew = templateId === 'new';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canManage = useCan('journey_template:manage');
  const [form, setForm] = useState<TemplateInput>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const query = useQuery({
    queryKey: journeyKeys.template(templateId),
    enabled: !isNew,
    queryFn: async () => unwrap(await api.GET('/api/v1/journey-templates/{id}', { params: { path: { id: templateId }, query: {} } })),
  });
  useEffect(() => {
    setForm(query.data ? toInput(query.data) : blank);
    setErrors({});
  }, [query.data]);

  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, name: form.name.trim(), description: form.description?.trim() || null };
      return isNew
        ? unwrap(await api.POST('/api/v1/journey-templates', { body }))
        : unwrap(await api.PUT('/api/v1/journey-templates/{id}', { params: { path: { id: templateId } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: journeyKeys.all });
      setErrors({});
      notifySuccess(t('journey.editor.published', { version: saved.version }));
      if (isNew) void navigate({ to: '/journeys/templates/$templateId', params: { templateId: saved.id } });
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const archive = useMutation({
    mutationFn: async (archived: boolean) => {
      const params = { path: { id: templateId } };
      return archived
        ? unwrap(await api.POST('/api/v1/journey-templates/{id}/archive', { params }))
        : unwrap(await api.POST('/api/v1/journey-templates/{id}/restore', { params }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: journeyKeys.all });
      notifySuccess(t(saved.archivedAt ? 'journey.templates.archivedDone' : 'journey.templates.restoredDone', { name: saved.name }));
    },
    onError: (e) => notifyError(e),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const setMilestones = (milestones: MilestoneInput[]) => setForm((f) => ({ ...f, milestones }));
  const readOnly = !canManage;
  if (!isNew && query.isLoading) return <Skeleton h={400} />;
  const current = query.data;

  return (
    <form onSubmit={submit} noValidate data-testid="journey-template-form">
      <Stack gap="md">
        <PageHeader
          title={
            isNew ? t('journey.templates.new') : t('journey.nameVersion', { name: current?.name ?? '', version: current?.version ?? 1 })
          }
          subtitle={
            current
              ? t('journey.editor.versionLine', {
                  date: formatDate(current.versionCreatedAt),
                  name: current.versionCreatedByName ?? t('journey.editor.theProduct'),
                  count: current.activeJourneys,
                })
              : t('journey.templates.subtitle')
          }
          actions={
            readOnly ? null : (
              <Group gap="xs">
                {current && !current.isDefault ? (
                  <Button
                    variant="default"
                    loading={archive.isPending}
                    onClick={() => archive.mutate(!current.archivedAt)}
                    data-testid="journey-template-archive"
                  >
                    {current.archivedAt ? t('journey.templates.restore') : t('journey.templates.archive')}
                  </Button>
                ) : null}
                <Button type="submit" loading={save.isPending} data-testid="journey-template-save">
                  {isNew ? t('journey.editor.create') : t('journey.editor.publish')}
                </Button>
              </Group>
            )
          }
        />
        {current?.archivedAt ? (
          <Alert color="gray" data-testid="journey-template-archived">
            {t('journey.templates.archivedNote', { date: formatDate(current.archivedAt), count: current.activeJourneys })}
          </Alert>
        ) : null}
        {!isNew && !readOnly ? <Alert color="blue">{t('journey.editor.versionNote')}</Alert> : null}
        <Paper withBorder p="md">
          <Stack gap="sm">
            <TextInput
              label={t('journey.templates.name')}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              error={errors.name}
              readOnly={readOnly}
              required
              name="name"
            />
            <Textarea
              label={t('journey.templates.description')}
              value={form.description ?? ''}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              error={errors.description}
              readOnly={readOnly}
              autosize
              minRows={2}
            />
            <Checkbox.Group
              label={t('journey.templates.triggers')}
              description={t('journey.editor.triggersHelp')}
              value={form.triggers}
              onChange={(v) => setForm({ ...form, triggers: v as TemplateInput['triggers'] })}
              error={errors.triggers}
            >
              <Group mt={6}>
                {TRIGGERS.map((tr) => (
                  <Checkbox key={tr} value={tr} label={t(`journey.triggers.${tr}`)} disabled={readOnly} />
                ))}
              </Group>
            </Checkbox.Group>
          </Stack>
        </Paper>
        <Text fw={600}>{t('journey.templates.milestones')}</Text>
        {errors.milestones ? (
          <Text c="red" size="sm">
            {errors.milestones}
          </Text>
        ) : null}
        {form.milestones.map((m, i) => (
          <MilestoneEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: milestones are edited in place; the position is their identity here
            key={i}
            index={i}
            count={form.milestones.length}
            value={m}
            errors={errors}
            readOnly={readOnly}
            onChange={(next) => setMilestones(form.milestones.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setMilestones(form.milestones.filter((_, j) => j !== i))}
            onMove={(by) => {
              const next = [...form.milestones];
              const [moved] = next.splice(i, 1);
              if (moved) next.splice(i + by, 0, moved);
              setMilestones(next);
            }}
          />
        ))}
        {readOnly ? null : (
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setMilestones([...form.milestones, blankMilestone(Math.min(104, (form.milestones.at(-1)?.week ?? 0) + 1))])}
              data-testid="journey-add-milestone"
            >
              {t('journey.editor.addMilestone')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
