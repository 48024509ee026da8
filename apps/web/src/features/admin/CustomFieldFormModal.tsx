import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { valuesOf } from '../../lib/enums.ts';
import type { CustomField } from '../../lib/types.ts';

export type CustomFieldEntity = CustomField['entity'];
export type CustomFieldType = CustomField['type'];
const TYPES = valuesOf<CustomFieldType>({ text: true, number: true, date: true, choice: true });

interface FieldForm {
  entity: CustomFieldEntity;
  label: string;
  key: string;
  keyTouched: boolean;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  showInList: boolean;
  position: number;
}

/** The storage key a label suggests: lowercase ASCII words joined by underscores, as the API requires. */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  return key;
}

/** Create a custom field, or edit one's label, options, required flag, list visibility and position. Key, entity and type are fixed once created. */
export function CustomFieldFormModal(props: {
  field: CustomField | 'new' | null;
  entity: CustomFieldEntity;
  nextPosition: number;
  onClose: () => void;
}) {
  const { field, onClose } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = field === 'new';
  const [form, setForm] = useState<FieldForm | null>(null);
  const set = <K extends keyof FieldForm>(key: K, value: FieldForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  useEffect(() => {
    if (field === 'new')
      setForm({
        entity: props.entity,
        label: '',
        key: '',
        keyTouched: false,
        type: 'text',
        options: [],
        required: false,
        showInList: false,
        position: props.nextPosition,
      });
    else if (field) setForm({ ...field, keyTouched: true });
    else setForm(null);
  }, [field, props.entity, props.nextPosition]);

  const save = useMutation({
    mutationFn: async (f: FieldForm) => {
      const options = f.type === 'choice' ? f.options : undefined;
      const editable = { label: f.label, options, required: f.required, showInList: f.showInList, position: f.position };
      if (isNew)
        return unwrap(await api.POST('/api/v1/custom-fields', { body: { ...editable, entity: f.entity, key: f.key, type: f.type } }));
      if (!field) throw new Error('no field');
      return unwrap(await api.PATCH('/api/v1/custom-fields/{id}', { params: { path: { id: field.id } }, body: editable }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);

  return (
    <Modal opened={field !== null} onClose={onClose} title={isNew ? t('admin.customFields.new') : t('admin.customFields.edit')} size="lg">
      {form ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(form);
          }}
        >
          <Stack>
            <SimpleGrid cols={2}>
              <Select
                label={t('admin.customFields.entity')}
                disabled={!isNew}
                allowDeselect={false}
                data={(['account', 'contact'] as const).map((e) => ({ value: e, label: t(`admin.customFields.entities.${e}`) }))}
                value={form.entity}
                onChange={(v) => v && set('entity', v as CustomFieldEntity)}
              />
              <Select
                label={t('admin.customFields.type')}
                disabled={!isNew}
                allowDeselect={false}
                data={TYPES.map((ty) => ({ value: ty, label: t(`admin.customFields.types.${ty}`) }))}
                value={form.type}
                onChange={(v) => v && set('type', v as CustomFieldType)}
                error={errors.type}
              />
            </SimpleGrid>
            <TextInput
              label={t('admin.customFields.label')}
              required
              value={form.label}
              onChange={(e) => {
                const label = e.currentTarget.value;
                setForm((f) => (f ? { ...f, label, key: f.keyTouched ? f.key : keyFromLabel(label) } : f));
              }}
              error={errors.label}
            />
            <TextInput
              label={t('admin.customFields.key')}
              description={t('admin.customFields.keyHelp')}
              required
              disabled={!isNew}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={form.key}
              onChange={(e) => {
                const key = e.currentTarget.value;
                setForm((f) => (f ? { ...f, key, keyTouched: true } : f));
              }}
              error={errors.key}
            />
            {form.type === 'choice' ? (
              <TagsInput
                label={t('admin.customFields.options')}
                description={t('admin.customFields.optionsHelp')}
                required
                value={form.options}
                onChange={(v) => set('options', v)}
                error={errors.options}
                clearable
              />
            ) : null}
            <NumberInput
              label={t('admin.customFields.position')}
              description={t('admin.customFields.positionHelp')}
              min={0}
              max={10_000}
              allowDecimal={false}
              value={form.position}
              onChange={(v) => set('position', typeof v === 'number' ? v : Number(v) || 0)}
              error={errors.position}
            />
            <Group>
              <Switch
                label={t('admin.customFields.required')}
                checked={form.required}
                onChange={(e) => set('required', e.currentTarget.checked)}
              />
              <Switch
                label={t('admin.customFields.showInList')}
                checked={form.showInList}
                onChange={(e) => set('showInList', e.currentTarget.checked)}
              />
            </Group>
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {isNew ? t('common.create') : t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
