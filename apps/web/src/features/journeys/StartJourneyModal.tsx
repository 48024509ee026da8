import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { journeyKeys } from './queryKeys.ts';

/** Today in the browser's own time zone (toISOString would give UTC's day, yesterday just after midnight in Europe). */
const todayIso = () => dayjs().format('YYYY-MM-DD');

/** Starts a journey for the account by hand: which template (the default one first) and from which day. */
export function StartJourneyModal(props: { opened: boolean; onClose: () => void; accountId: string; replaces: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [startedOn, setStartedOn] = useState<string | null>(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const templates = useQuery({
    queryKey: journeyKeys.templates,
    queryFn: async () => unwrap(await api.GET('/api/v1/journey-templates', { params: { query: { pageSize: 200 } } })),
    enabled: props.opened,
  });
  useEffect(() => {
    if (props.opened) {
      setStartedOn(todayIso());
      setErrors({});
    }
  }, [props.opened]);
  useEffect(() => {
    const items = templates.data?.items ?? [];
    const preset = items.find((x) => x.isDefault) ?? items[0];
    if (!templateId && preset) setTemplateId(preset.id);
  }, [templateId, templates.data]);

  const start = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/accounts/{id}/journeys', {
          params: { path: { id: props.accountId } },
          body: { templateId: templateId ?? undefined, startedOn: startedOn ?? undefined },
        }),
      ),
    onSuccess: (journey) => {
      void queryClient.invalidateQueries({ queryKey: journeyKeys.all });
      notifySuccess(t('journey.started', { name: journey.name }));
      props.onClose();
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('journey.start')}>
      <form onSubmit={submit} noValidate data-testid="journey-start-form">
        <Stack gap="sm">
          <Select
            label={t('journey.fields.template')}
            data={(templates.data?.items ?? []).map((x) => ({
              value: x.id,
              label: t('journey.nameVersion', { name: x.name, version: x.version }),
            }))}
            value={templateId}
            onChange={setTemplateId}
            error={errors.templateId}
            allowDeselect={false}
          />
          <DateField label={t('journey.fields.startedOn')} value={startedOn} onChange={(v) => setStartedOn(v)} error={errors.startedOn} />
          {props.replaces ? (
            <Text size="sm" c="dimmed">
              {t('journey.replacesRunning')}
            </Text>
          ) : null}
          <FormFooter>
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={start.isPending} data-testid="journey-start-save">
              {t('journey.start')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
