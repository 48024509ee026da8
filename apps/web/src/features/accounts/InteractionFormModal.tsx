import { Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { contactName } from '../contacts/index.ts';
import { KIND_ICONS } from './interactionKinds.tsx';
import { accountKeys } from './queryKeys.ts';
import { INTERACTION_KINDS, type InteractionInput, type InteractionKind } from './types.ts';

type Direction = 'inbound' | 'outbound';
// A note has no direction or duration; the other kinds are conversations that do.
const HAS_DIRECTION: InteractionKind[] = ['call', 'email', 'chat', 'support_request'];
const HAS_DURATION: InteractionKind[] = ['call', 'meeting', 'chat'];

interface FormState {
  kind: InteractionKind;
  subject: string;
  body: string;
  contactId: string | null;
  direction: Direction | null;
  durationMinutes: number | null;
  occurredAt: string | null;
}

const emptyState = (): FormState => ({
  kind: 'note',
  subject: '',
  body: '',
  contactId: null,
  direction: null,
  durationMinutes: null,
  occurredAt: dayjs().format('YYYY-MM-DD HH:mm:ss'),
});

/** "Log interaction": a note, call, e-mail, meeting, chat or support request, by hand. */
export function InteractionFormModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>(emptyState);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setState(emptyState());
      setErrors({});
    }
  }, [opened]);

  const contacts = useQuery({
    queryKey: ['contacts', 'account', accountId, 'options'],
    enabled: opened,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query: { pageSize: 200, sort: 'name' } } }),
      ).items,
  });

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const body: InteractionInput = {
        kind: state.kind,
        subject: state.subject.trim(),
        body: state.body,
        contactId: state.contactId,
        direction: HAS_DIRECTION.includes(state.kind) ? state.direction : null,
        durationMinutes: HAS_DURATION.includes(state.kind) ? state.durationMinutes : null,
        occurredAt: state.occurredAt ? dayjs(state.occurredAt).toISOString() : undefined,
      };
      return unwrap(await api.POST('/api/v1/accounts/{id}/interactions', { params: { path: { id: accountId } }, body }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.timeline(accountId) });
      notifySuccess(t('timeline.logged'));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!state.subject.trim()) return setErrors({ subject: t('form.required') });
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('timeline.log')} size="lg">
      <form onSubmit={submit} noValidate data-testid="interaction-form">
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('timeline.fields.kind')}
            </Text>
            <SegmentedControl
              fullWidth
              value={state.kind}
              onChange={(v) => set('kind', v as InteractionKind)}
              data={INTERACTION_KINDS.map((k) => {
                const Icon = KIND_ICONS[k];
                return {
                  value: k,
                  label: (
                    <Group gap={4} justify="center" wrap="nowrap">
                      <Icon size={14} />
                      <span>{t(`timeline.kind.${k}`)}</span>
                    </Group>
                  ),
                };
              })}
            />
          </div>
          <TextInput
            label={t('timeline.fields.subject')}
            value={state.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
            error={errors.subject}
            required
            data-autofocus
            name="subject"
          />
          <Textarea
            label={t('timeline.fields.body')}
            value={state.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            error={errors.body}
            autosize
            minRows={3}
            maxRows={10}
            name="body"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <Select
              label={t('timeline.fields.contact')}
              data={(contacts.data ?? []).map((c) => ({ value: c.id, label: contactName(c) }))}
              value={state.contactId}
              onChange={(v) => set('contactId', v)}
              error={errors.contactId}
              searchable
              clearable
              nothingFoundMessage={t('contact.noneFound')}
            />
            <DateTimePicker
              label={t('timeline.fields.occurredAt')}
              value={state.occurredAt}
              onChange={(v) => set('occurredAt', v)}
              error={errors.occurredAt}
              valueFormat="lll"
            />
            {HAS_DIRECTION.includes(state.kind) ? (
              <Select
                label={t('timeline.fields.direction')}
                data={(['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`timeline.direction.${d}`) }))}
                value={state.direction}
                onChange={(v) => set('direction', v as Direction | null)}
                error={errors.direction}
                clearable
              />
            ) : null}
            {HAS_DURATION.includes(state.kind) ? (
              <NumberInput
                label={t('timeline.fields.duration')}
                value={state.durationMinutes ?? ''}
                onChange={(v) => set('durationMinutes', typeof v === 'number' ? v : null)}
                error={errors.durationMinutes}
                min={0}
                allowDecimal={false}
                suffix={` ${t('timeline.minutesShort')}`}
              />
            ) : null}
          </SimpleGrid>
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="interaction-save">
              {t('timeline.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
