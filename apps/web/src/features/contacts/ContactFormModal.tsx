import { Button, Divider, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomFieldInput, type CustomValue } from '../../components/CustomFieldInput.tsx';
import { DateField } from '../../components/DateField.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import type { Contact } from '../../lib/types.ts';
import { contactKeys } from './queryKeys.ts';
import { CONTACT_LANGUAGES, CONTACT_ROLES, type ContactInput, type ContactRole } from './types.ts';

type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

interface FormState {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobTitle: string;
  roles: ContactRole[];
  language: ContactLanguage | null;
  leftOn: string | null;
  custom: Record<string, CustomValue>;
}

function initialState(contact?: Contact): FormState {
  return {
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    jobTitle: contact?.jobTitle ?? '',
    roles: contact?.roles ?? [],
    leftOn: contact?.leftOn ?? null,
    language: (CONTACT_LANGUAGES as readonly string[]).includes(contact?.language ?? '') ? (contact?.language as ContactLanguage) : null,
    custom: Object.fromEntries(
      Object.entries(contact?.custom ?? {}).filter(
        (e): e is [string, CustomValue] => ['string', 'number'].includes(typeof e[1]) || e[1] === null,
      ),
    ),
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function toBody(state: FormState): ContactInput {
  return {
    firstName: state.firstName.trim(),
    lastName: state.lastName.trim(),
    email: blankToNull(state.email),
    phone: blankToNull(state.phone),
    jobTitle: blankToNull(state.jobTitle),
    roles: state.roles,
    language: state.language,
    leftOn: state.leftOn,
    custom: state.custom,
  };
}

/** Add a contact to `accountId`, or edit `contact`. Server field errors show on the inputs. */
export function ContactFormModal({
  opened,
  onClose,
  accountId,
  contact,
}: {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  contact?: Contact;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const customFields = useCustomFields('contact');
  const [state, setState] = useState<FormState>(() => initialState(contact));
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setState(initialState(contact));
      setErrors({});
    }
  }, [opened, contact]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const body = toBody(state);
      if (contact) return unwrap(await api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: contact.id } }, body }));
      return unwrap(await api.POST('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      notifySuccess(contact ? t('contact.saved') : t('contact.created', { name: `${saved.firstName} ${saved.lastName}`.trim() }));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!state.firstName.trim()) return setErrors({ firstName: t('form.required') });
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('contact.editTitle') : t('contact.new')} size="lg">
      <form onSubmit={submit} noValidate data-testid="contact-form">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput
              label={t('contact.fields.firstName')}
              value={state.firstName}
              onChange={(e) => set('firstName', e.currentTarget.value)}
              error={errors.firstName}
              required
              data-autofocus
              name="firstName"
            />
            <TextInput
              label={t('contact.fields.lastName')}
              value={state.lastName}
              onChange={(e) => set('lastName', e.currentTarget.value)}
              error={errors.lastName}
              name="lastName"
            />
            <TextInput
              label={t('contact.fields.email')}
              type="email"
              value={state.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
              name="email"
            />
            <TextInput
              label={t('contact.fields.phone')}
              value={state.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errors.phone}
              name="phone"
            />
            <TextInput
              label={t('contact.fields.jobTitle')}
              value={state.jobTitle}
              onChange={(e) => set('jobTitle', e.currentTarget.value)}
              error={errors.jobTitle}
              name="jobTitle"
            />
            <Select
              label={t('contact.fields.language')}
              data={CONTACT_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={state.language}
              onChange={(v) => set('language', v as ContactLanguage | null)}
              error={errors.language}
              clearable
              searchable
            />
            <DateField
              label={t('contact.fields.leftOn')}
              description={t('contact.leftOnHint')}
              value={state.leftOn}
              onChange={(v) => set('leftOn', v)}
              error={errors.leftOn}
              clearable
              data-testid="contact-left-on"
            />
          </SimpleGrid>
          <MultiSelect
            label={t('contact.fields.roles')}
            data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contact.role.${r}`) }))}
            value={state.roles}
            onChange={(v) => set('roles', v as ContactRole[])}
            error={errors.roles}
            clearable
            data-testid="contact-roles"
          />
          {customFields.data?.length ? (
            <>
              <Divider label={t('account.customFields')} labelPosition="left" mt="xs" />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                {customFields.data.map((field) => (
                  <CustomFieldInput
                    key={field.id}
                    field={field}
                    value={state.custom[field.key]}
                    onChange={(v) => set('custom', { ...state.custom, [field.key]: v })}
                    error={errors[`custom.${field.key}`]}
                  />
                ))}
              </SimpleGrid>
            </>
          ) : null}
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="contact-save">
              {contact ? t('common.save') : t('contact.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
