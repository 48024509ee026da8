import { Button, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { competitorKeys } from './queryKeys.ts';
import type { Competitor } from './types.ts';

/** Add or edit a competitor: name, website and what we know about them. */
export function CompetitorFormModal({
  competitor,
  onClose,
  onCreated,
}: {
  competitor: Competitor | 'new' | null;
  onClose: () => void;
  onCreated?: (c: Competitor) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = competitor === 'new';
  const [form, setForm] = useState({ name: '', website: '', notes: '' });
  useEffect(() => {
    if (competitor === 'new') setForm({ name: '', website: '', notes: '' });
    else if (competitor) setForm({ name: competitor.name, website: competitor.website ?? '', notes: competitor.notes ?? '' });
  }, [competitor]);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name: form.name, website: form.website.trim() || null, notes: form.notes || null };
      if (isNew) return unwrap(await api.POST('/api/v1/competitors', { body }));
      if (!competitor) throw new Error('no competitor');
      return unwrap(await api.PATCH('/api/v1/competitors/{id}', { params: { path: { id: competitor.id } }, body }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: competitorKeys.all });
      notifySuccess(t('common.saved'));
      onClose();
      if (isNew) onCreated?.(saved);
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal opened={competitor !== null} onClose={onClose} title={isNew ? t('competitor.new') : t('competitor.edit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('competitor.fields.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
            data-testid="competitor-name"
          />
          <TextInput
            label={t('competitor.fields.website')}
            placeholder="https://"
            value={form.website}
            onChange={(e) => setForm({ ...form, website: e.currentTarget.value })}
            error={errors.website}
          />
          <Textarea
            label={t('competitor.fields.notes')}
            autosize
            minRows={3}
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
            error={errors.notes}
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-competitor">
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
