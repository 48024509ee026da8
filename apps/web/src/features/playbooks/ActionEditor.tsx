import { ActionIcon, Group, NumberInput, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import type { Action } from './types.ts';

const ROLES = ['csm', 'cse', 'vp_cs', 'support_manager', 'customer_advocate', 'country_manager', 'admin'] as const;
const LANGS = ['en', 'nl', 'da'] as const;
type Email = Extract<Action, { type: 'email' }>;

/** A blank action of a type, for the "add an action" menu. */
export function blankAction(type: Action['type']): Action {
  switch (type) {
    case 'task':
      return { type, title: '', dueInDays: 3, assignee: 'owner', priority: 'normal' };
    case 'email':
      return { type, to: 'owner', subject: { en: '' }, body: { en: '' } };
    case 'journey':
      return { type, templateId: null };
    case 'set_field':
      return { type, field: 'lifecycleStage', value: 'at_risk' };
    case 'webhook':
      return { type, url: 'https://' };
  }
}

/** One "then" action, edited with inputs of its own type; `errors` are the server's, by field under `actions.<i>.`. */
export function ActionEditor(props: {
  value: Action;
  index: number;
  errors: Record<string, string>;
  onChange(a: Action): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const a = props.value;
  const err = (f: string) => props.errors[`actions.${props.index}.${f}`];
  return (
    <Paper withBorder p="sm" data-testid={`action-${props.index}`}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t(`playbook.action.${a.type}`)}
        </Text>
        <ActionIcon variant="subtle" color="red" aria-label={t('playbook.removeAction')} onClick={props.onRemove}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      {a.type === 'task' && (
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('playbook.task.title')}
            w={320}
            value={a.title}
            onChange={(e) => props.onChange({ ...a, title: e.currentTarget.value })}
            error={err('title')}
          />
          <Select
            label={t('playbook.task.assignee')}
            w={240}
            allowDeselect={false}
            data={[{ value: 'owner', label: t('playbook.task.owner') }, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
            value={a.assignee}
            onChange={(v) => v && props.onChange({ ...a, assignee: v as typeof a.assignee })}
          />
          <NumberInput
            label={t('playbook.task.dueInDays')}
            w={130}
            min={0}
            max={365}
            value={a.dueInDays}
            onChange={(v) => props.onChange({ ...a, dueInDays: typeof v === 'number' ? v : 0 })}
            error={err('dueInDays')}
          />
          <Select
            label={t('playbook.task.priority')}
            w={130}
            allowDeselect={false}
            data={(['low', 'normal', 'high'] as const).map((p) => ({ value: p, label: t(`playbook.priority.${p}`) }))}
            value={a.priority ?? 'normal'}
            onChange={(v) => v && props.onChange({ ...a, priority: v as 'low' | 'normal' | 'high' })}
          />
        </Group>
      )}
      {a.type === 'email' && <EmailEditor value={a} err={err} onChange={props.onChange} />}
      {a.type === 'journey' && <JourneyEditor value={a} onChange={props.onChange} />}
      {a.type === 'set_field' && <FieldEditor value={a} err={err} onChange={props.onChange} />}
      {a.type === 'webhook' && (
        <TextInput
          label={t('playbook.webhook.url')}
          description={t('playbook.webhook.help')}
          value={a.url}
          onChange={(e) => props.onChange({ ...a, url: e.currentTarget.value })}
          error={err('url')}
        />
      )}
    </Paper>
  );
}

function EmailEditor({ value: a, err, onChange }: { value: Email; err(f: string): string | undefined; onChange(a: Action): void }) {
  const { t } = useTranslation();
  const setText = (part: 'subject' | 'body', lang: (typeof LANGS)[number], text: string) =>
    onChange({ ...a, [part]: { ...a[part], [lang]: lang === 'en' ? text : text || null } });
  return (
    <Stack gap="xs">
      <Select
        label={t('playbook.email.to')}
        w={240}
        allowDeselect={false}
        data={(['owner', 'contacts', 'champions'] as const).map((x) => ({ value: x, label: t(`playbook.email.${x}`) }))}
        value={a.to}
        onChange={(v) => v && onChange({ ...a, to: v as Email['to'] })}
      />
      <Text size="xs" c="dimmed">
        {t('playbook.email.help')}
      </Text>
      {LANGS.map((lang) => (
        <Group key={lang} align="flex-start" gap="sm" grow>
          <TextInput
            label={`${t('playbook.email.subject')} (${t(`languages.${lang}`)})`}
            value={a.subject[lang] ?? ''}
            onChange={(e) => setText('subject', lang, e.currentTarget.value)}
            error={err(`subject.${lang}`)}
          />
          <Textarea
            label={`${t('playbook.email.body')} (${t(`languages.${lang}`)})`}
            autosize
            minRows={2}
            value={a.body[lang] ?? ''}
            onChange={(e) => setText('body', lang, e.currentTarget.value)}
            error={err(`body.${lang}`)}
          />
        </Group>
      ))}
    </Stack>
  );
}

function JourneyEditor({ value: a, onChange }: { value: Extract<Action, { type: 'journey' }>; onChange(a: Action): void }) {
  const { t } = useTranslation();
  const templates = useQuery({
    queryKey: ['journeys', 'templates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/journey-templates', { params: { query: { pageSize: 200 } } })),
  });
  return (
    <Select
      label={t('playbook.journey.template')}
      description={t('playbook.journey.help')}
      w={360}
      clearable
      placeholder={t('playbook.journey.default')}
      data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
      value={a.templateId ?? null}
      onChange={(v) => onChange({ ...a, templateId: v })}
    />
  );
}

function FieldEditor(props: {
  value: Extract<Action, { type: 'set_field' }>;
  err(f: string): string | undefined;
  onChange(a: Action): void;
}) {
  const { t } = useTranslation();
  const custom = useCustomFields('account');
  const a = props.value;
  const choices: Record<string, { value: string; label: string }[]> = {
    segment: SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) })),
    edition: EDITIONS.map((s) => ({ value: s, label: t(`account.edition.${s}`) })),
    lifecycleStage: LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`account.lifecycle.${s}`) })),
  };
  const fields = [
    ...['lifecycleStage', 'segment', 'edition', 'tag'].map((f) => ({ value: f, label: t(`playbook.field.${f}`) })),
    ...(custom.data ?? []).map((f) => ({ value: `custom:${f.key}`, label: f.label })),
  ];
  const options = choices[a.field];
  return (
    <Group align="flex-start" gap="sm">
      <Select
        label={t('playbook.setField.field')}
        w={220}
        allowDeselect={false}
        data={fields}
        value={a.field}
        onChange={(f) => f && props.onChange({ ...a, field: f, value: choices[f]?.[0]?.value ?? '' })}
        error={props.err('field')}
      />
      {options ? (
        <Select
          label={t('playbook.setField.value')}
          w={220}
          allowDeselect={false}
          data={options}
          value={a.value}
          onChange={(v) => v && props.onChange({ ...a, value: v })}
          error={props.err('value')}
        />
      ) : (
        <TextInput
          label={t('playbook.setField.value')}
          w={220}
          value={a.value}
          onChange={(e) => props.onChange({ ...a, value: e.currentTarget.value })}
          error={props.err('value')}
        />
      )}
    </Group>
  );
}
