import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconEye, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { useMarkets } from '../../lib/lookups.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import { nurtureKeys } from './queryKeys.ts';
import type { ProgrammeInput, StepInput } from './types.ts';

const route = getRouteApi('/app/nurture/$programmeId/edit');
const LANGS = ['en', 'nl', 'da'] as const;
type Lang = (typeof LANGS)[number];
const CONTACT_ROLES = ['champion', 'decision_maker', 'billing', 'technical', 'user', 'executive_sponsor'] as const;
const emptyStep = (weekOffset: number): StepInput => ({
  weekOffset,
  subject: { en: '', nl: '', da: '' },
  body: { en: '', nl: '', da: '' },
});
const EMPTY: ProgrammeInput = {
  name: '',
  audience: { segment: null, edition: null, marketId: null, lifecycleStage: null, contactRole: null },
  steps: [emptyStep(1)],
};

/** One step: its week, and subject and body in each language (tabs), with a preview of the e-mail. */
function StepEditor(props: {
  index: number;
  step: StepInput;
  errors: Record<string, string>;
  onChange: (s: StepInput) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const { step, index } = props;
  const [lang, setLang] = useState<Lang>('en');
  const preview = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/nurture/preview', { body: { language: lang, subject: step.subject[lang], body: step.body[lang] } })),
    onError: (e) => notifyError(e),
  });
  const [showing, setShowing] = useState(false);
  const err = (part: 'subject' | 'body', l: Lang) => props.errors[`steps.${index}.${part}.${l}`];
  return (
    <Paper withBorder p="md" data-testid="nurture-step">
      <Group justify="space-between" mb="sm">
        <Group>
          <Title order={5}>{t('nurture.step.title', { n: index + 1 })}</Title>
          <NumberInput
            w={90}
            size="xs"
            min={0}
            max={520}
            aria-label={t('nurture.step.weekOffset')}
            value={step.weekOffset}
            onChange={(v) => typeof v === 'number' && props.onChange({ ...step, weekOffset: v })}
            data-testid="nurture-step-week"
          />
          <Text size="xs" c="dimmed">
            {t('nurture.step.weekHint')}
          </Text>
        </Group>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconEye size={14} />}
            onClick={() => {
              setShowing(true);
              preview.mutate();
            }}
          >
            {t('nurture.step.preview')}
          </Button>
          {props.onRemove ? (
            <ActionIcon variant="subtle" color="red" onClick={props.onRemove} aria-label={t('common.delete')}>
              <IconTrash size={16} />
            </ActionIcon>
          ) : null}
        </Group>
      </Group>
      <Tabs value={lang} onChange={(v) => v && setLang(v as Lang)}>
        <Tabs.List>
          {LANGS.map((l) => (
            <Tabs.Tab key={l} value={l} c={err('subject', l) || err('body', l) ? 'red' : undefined}>
              {t(`languages.${l}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {LANGS.map((l) => (
          <Tabs.Panel key={l} value={l} pt="sm">
            <Stack gap="xs">
              <TextInput
                label={t('nurture.step.subject')}
                value={step.subject[l]}
                error={err('subject', l)}
                onChange={(e) => props.onChange({ ...step, subject: { ...step.subject, [l]: e.currentTarget.value } })}
                data-testid={`nurture-subject-${l}`}
              />
              <Textarea
                label={t('nurture.step.body')}
                autosize
                minRows={4}
                maxRows={12}
                value={step.body[l]}
                error={err('body', l)}
                onChange={(e) => props.onChange({ ...step, body: { ...step.body, [l]: e.currentTarget.value } })}
                data-testid={`nurture-body-${l}`}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      <Text size="xs" c="dimmed" mt="xs">
        {t('nurture.step.placeholders')}
      </Text>
      <Modal opened={showing} onClose={() => setShowing(false)} title={t('nurture.step.preview')} size="lg">
        {preview.data ? (
          <Stack gap="xs" data-testid="nurture-preview">
            <Text fw={600}>{preview.data.subject}</Text>
            <Paper withBorder p="sm" bg="gray.0">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {preview.data.text}
              </Text>
            </Paper>
          </Stack>
        ) : null}
      </Modal>
    </Paper>
  );
}

/** A programme's editor: its name, audience and steps (new, or an existing one's). */
export function NurtureEditorPage() {
  const { t } = useTranslation();
  const { programmeId } = route.useParams();
  const isNew = programmeId === 'new';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const markets = useMarkets();
  const existing = useQuery({
    queryKey: nurtureKeys.programme(programmeId),
    enabled: !isNew,
    queryFn: async () => unwrap(await api.GET('/api/v1/nurture/programmes/{id}', { params: { path: { id: programmeId } } })),
  });
  const [draft, setDraft] = useState<ProgrammeInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const loaded: ProgrammeInput | null = isNew
    ? EMPTY
    : existing.data
      ? {
          name: existing.data.name,
          audience: {
            segment: existing.data.audience.segment as ProgrammeInput['audience']['segment'],
            edition: existing.data.audience.edition as ProgrammeInput['audience']['edition'],
            marketId: existing.data.audience.marketId,
            lifecycleStage: existing.data.audience.lifecycleStage as ProgrammeInput['audience']['lifecycleStage'],
            contactRole: existing.data.audience.contactRole as ProgrammeInput['audience']['contactRole'],
          },
          steps: existing.data.steps,
        }
      : null;
  const v = draft ?? loaded;
  const save = useMutation({
    mutationFn: async (body: ProgrammeInput) =>
      isNew
        ? unwrap(await api.POST('/api/v1/nurture/programmes', { body }))
        : unwrap(await api.PATCH('/api/v1/nurture/programmes/{id}', { params: { path: { id: programmeId } }, body })),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: nurtureKeys.all });
      notifySuccess(t('common.saved'));
      void navigate({ to: '/nurture/$programmeId', params: { programmeId: p.id } });
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  if (!v) return null;
  const set = (next: Partial<ProgrammeInput>) => setDraft({ ...v, ...next });
  const setAudience = (k: keyof ProgrammeInput['audience'], value: string | null) =>
    set({ audience: { ...v.audience, [k]: value } as ProgrammeInput['audience'] });
  return (
    <Stack gap="md" maw={1000}>
      <PageHeader
        title={isNew ? t('nurture.new') : t('nurture.editTitle', { name: existing.data?.name ?? '' })}
        subtitle={t('nurture.editor.subtitle')}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...v, name: v.name.trim() });
        }}
      >
        <Stack gap="md">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <TextInput
                label={t('nurture.fields.name')}
                value={v.name}
                error={errors.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                required
                data-testid="nurture-name"
              />
              <Title order={5}>{t('nurture.fields.audience')}</Title>
              <Text size="sm" c="dimmed">
                {t('nurture.editor.audienceHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }}>
                <Select
                  label={t('account.fields.segment')}
                  placeholder={t('nurture.audience.any')}
                  clearable
                  value={v.audience.segment}
                  onChange={(x) => setAudience('segment', x)}
                  data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
                  data-testid="nurture-segment"
                />
                <Select
                  label={t('nurture.audience.edition')}
                  placeholder={t('nurture.audience.any')}
                  clearable
                  value={v.audience.edition}
                  onChange={(x) => setAudience('edition', x)}
                  data={EDITIONS.map((s) => ({ value: s, label: t(`account.edition.${s}`) }))}
                />
                <Select
                  label={t('nurture.audience.market')}
                  placeholder={t('nurture.audience.any')}
                  clearable
                  value={v.audience.marketId}
                  error={errors['audience.marketId']}
                  onChange={(x) => setAudience('marketId', x)}
                  data={(markets.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
                />
                <Select
                  label={t('nurture.audience.lifecycle')}
                  placeholder={t('nurture.audience.any')}
                  clearable
                  value={v.audience.lifecycleStage}
                  onChange={(x) => setAudience('lifecycleStage', x)}
                  data={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`account.lifecycle.${s}`) }))}
                />
                <Select
                  label={t('nurture.audience.role')}
                  placeholder={t('nurture.audience.any')}
                  clearable
                  value={v.audience.contactRole}
                  onChange={(x) => setAudience('contactRole', x)}
                  data={CONTACT_ROLES.map((s) => ({ value: s, label: t(`contact.role.${s}`) }))}
                />
              </SimpleGrid>
            </Stack>
          </Paper>
          {v.steps.map((s, i) => (
            <StepEditor
              key={s.id ?? `new-${i}`}
              index={i}
              step={s}
              errors={errors}
              onChange={(next) => set({ steps: v.steps.map((x, j) => (j === i ? next : x)) })}
              onRemove={v.steps.length > 1 ? () => set({ steps: v.steps.filter((_, j) => j !== i) }) : undefined}
            />
          ))}
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => set({ steps: [...v.steps, emptyStep((v.steps.at(-1)?.weekOffset ?? 0) + 2)] })}
              disabled={v.steps.length >= 20}
              data-testid="nurture-add-step"
            >
              {t('nurture.step.add')}
            </Button>
            <Group>
              <Button variant="default" onClick={() => window.history.back()}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="nurture-save">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
