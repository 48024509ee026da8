import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { surveyKeys } from './queryKeys.ts';
import { ScoreButtons } from './ScoreBadge.tsx';
import type { ResponseInput } from './types.ts';

interface FormState {
  surveyId: string | null;
  accountId: string | null;
  contactId: string | null;
  score: number | null;
  comment: string;
  answeredAt: string | null;
}

/** The organisation's surveys as options (the form's first field). */
export function useSurveyOptions(enabled = true) {
  return useQuery({
    queryKey: surveyKeys.options,
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/surveys', { params: { query: { pageSize: 200, sort: 'name', order: 'asc' } } })).items,
  });
}

/**
 * Records an answer by hand: the survey, the account (preset on the account page) and optionally which of its
 * contacts answered, the score on the survey's scale, a comment and when. Server field errors show on the inputs.
 */
export function ResponseFormModal({
  opened,
  onClose,
  accountId,
  surveyId,
}: {
  opened: boolean;
  onClose: () => void;
  accountId?: string;
  surveyId?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = (): FormState => ({
    surveyId: surveyId ?? null,
    accountId: accountId ?? null,
    contactId: null,
    score: null,
    comment: '',
    answeredAt: dayjs().format('YYYY-MM-DD HH:mm:ss'),
  });
  const [state, setState] = useState<FormState>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens
  useEffect(() => {
    if (opened) {
      setState(empty());
      setErrors({});
    }
  }, [opened]);
  const surveys = useSurveyOptions(opened);
  const survey = surveys.data?.find((s) => s.id === state.surveyId);
  const contacts = useQuery({
    queryKey: ['contacts', 'account', state.accountId, 'options'],
    enabled: opened && !!state.accountId,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/contacts', {
          params: { path: { id: state.accountId ?? '' }, query: { pageSize: 200, sort: 'name' } },
        }),
      ).items,
  });
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const body: ResponseInput = {
        accountId: state.accountId ?? undefined,
        contactId: state.contactId ?? undefined,
        score: state.score ?? -1,
        comment: state.comment.trim() || null,
        answeredAt: state.answeredAt ? dayjs(state.answeredAt).toISOString() : undefined,
      };
      return unwrap(await api.POST('/api/v1/surveys/{id}/responses', { params: { path: { id: state.surveyId ?? '' } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
      notifySuccess(t('survey.response.recorded', { account: saved.accountName }));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!state.surveyId) missing.surveyId = t('form.required');
    if (!state.accountId) missing.accountId = t('form.required');
    if (state.score === null) missing.score = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('survey.response.new')} size="lg">
      <form onSubmit={submit} noValidate data-testid="response-form">
        <Stack gap="sm">
          <Select
            label={t('survey.response.fields.survey')}
            data={(surveys.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${t(`survey.kinds.${s.kind}`)}` }))}
            value={state.surveyId}
            onChange={(v) => setState((s) => ({ ...s, surveyId: v, score: null }))}
            error={errors.surveyId}
            required
            searchable
          />
          {accountId ? null : (
            <AccountSelect
              label={t('survey.response.fields.account')}
              value={state.accountId}
              onChange={(id) => setState((s) => ({ ...s, accountId: id, contactId: null }))}
              error={errors.accountId}
              required
            />
          )}
          <Select
            label={t('survey.response.fields.contact')}
            data={(contacts.data ?? []).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}`.trim() }))}
            value={state.contactId}
            onChange={(v) => set('contactId', v)}
            error={errors.contactId}
            disabled={!state.accountId}
            searchable
            clearable
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('survey.response.fields.score')} <span style={{ color: 'var(--mantine-color-error)' }}>*</span>
            </Text>
            <ScoreButtons kind={survey?.kind ?? 'nps'} value={state.score} onChange={(v) => set('score', v)} />
            {errors.score ? (
              <Text size="xs" c="red" mt={4}>
                {errors.score}
              </Text>
            ) : null}
          </div>
          <Textarea
            label={t('survey.response.fields.comment')}
            value={state.comment}
            onChange={(e) => set('comment', e.currentTarget.value)}
            error={errors.comment}
            autosize
            minRows={2}
            name="comment"
          />
          <DateTimePicker
            label={t('survey.response.fields.answeredAt')}
            value={state.answeredAt}
            onChange={(v) => set('answeredAt', v)}
            error={errors.answeredAt}
            valueFormat="lll"
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="response-save">
              {t('survey.response.record')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
