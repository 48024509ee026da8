import { Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type Language, UI_LANGUAGES } from '../../lib/types.ts';

// Offered in the picker; any ISO 4217 code can still be typed.
const COMMON_CURRENCIES = ['EUR', 'DKK', 'SEK', 'NOK', 'GBP', 'CHF', 'PLN', 'USD', 'CAD', 'AUD', 'JPY'];

interface OrgForm {
  name: string;
  reportingCurrency: string;
  defaultLanguage: Language;
}

/** Administration → Organisation: the name, the currency reports are converted to, and the language new users start in. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['organisation'], queryFn: async () => unwrap(await api.GET('/api/v1/organisation')) });
  const [form, setForm] = useState<OrgForm | null>(null);
  const set = <K extends keyof OrgForm>(key: K, value: OrgForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  useEffect(() => {
    if (!query.data) return;
    const lang = query.data.defaultLanguage;
    setForm({
      name: query.data.name,
      reportingCurrency: query.data.reportingCurrency,
      defaultLanguage: (UI_LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en',
    });
  }, [query.data]);

  const save = useMutation({
    mutationFn: async (body: OrgForm) => unwrap(await api.PATCH('/api/v1/organisation', { body })),
    onSuccess: async (org) => {
      queryClient.setQueryData(['organisation'], org);
      // The header shows the organisation's name from the signed-in user's data.
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      notifySuccess(t('common.saved'));
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  const currencies =
    form && !COMMON_CURRENCIES.includes(form.reportingCurrency) ? [form.reportingCurrency, ...COMMON_CURRENCIES] : COMMON_CURRENCIES;

  return (
    <>
      <PageHeader title={t('admin.nav.organisation')} subtitle={t('admin.organisation.subtitle')} />
      <Paper withBorder p="lg" maw={560}>
        {!form ? (
          <Stack>
            <Skeleton h={36} />
            <Skeleton h={36} />
            <Skeleton h={36} />
          </Stack>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ ...form, reportingCurrency: form.reportingCurrency.toUpperCase() });
            }}
          >
            <Stack>
              <TextInput
                label={t('admin.organisation.name')}
                required
                value={form.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={errors.name}
              />
              <Select
                label={t('admin.organisation.reportingCurrency')}
                description={t('admin.organisation.reportingCurrencyHelp')}
                searchable
                allowDeselect={false}
                data={currencies}
                value={form.reportingCurrency}
                onChange={(v) => v && set('reportingCurrency', v)}
                error={errors.reportingCurrency}
              />
              <Select
                label={t('admin.organisation.defaultLanguage')}
                description={t('admin.organisation.defaultLanguageHelp')}
                allowDeselect={false}
                data={UI_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                value={form.defaultLanguage}
                onChange={(v) => v && set('defaultLanguage', v as Language)}
                error={errors.defaultLanguage}
              />
              {query.data ? (
                <Text size="xs" c="dimmed">
                  {t('admin.organisation.slug')}: {query.data.slug}
                </Text>
              ) : null}
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </>
  );
}
