import { Button, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { surveyKeys } from './queryKeys.ts';
import { SURVEY_KINDS } from './search.ts';
import type { SurveyKind } from './types.ts';

interface FormState {
  name: string;
  kind: SurveyKind;
  question: string;
}
const empty = (): FormState => ({ name: '', kind: 'nps', question: '' });

/** Defines a survey: its name, NPS (0–10) or CSAT (1–5), and the question asked. Server field errors show on the inputs. */
export function SurveyFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setState(empty());
      setErrors({});
    }
  }, [opened]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/surveys', { body: { name: state.name.trim(), kind: state.kind, question: state.question.trim() || null } }),
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
      notifySuccess(t('survey.created', { name: saved.name }));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!state.name.trim()) return setErrors({ name: t('form.required') });
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('survey.new')}>
      <form onSubmit={submit} noValidate data-testid="survey-form">
        <Stack gap="sm">
          <TextInput
            label={t('survey.fields.name')}
            value={state.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
            name="name"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('survey.fields.kind')}
            </Text>
            <SegmentedControl
              fullWidth
              value={state.kind}
              onChange={(v) => set('kind', v as SurveyKind)}
              data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`survey.kinds.${k}`) }))}
            />
          </div>
          <Textarea
            label={t('survey.fields.question')}
            value={state.question}
            onChange={(e) => set('question', e.currentTarget.value)}
            error={errors.question}
            autosize
            minRows={2}
            name="question"
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="survey-save">
              {t('survey.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
