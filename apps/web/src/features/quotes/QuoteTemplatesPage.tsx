import {
  Button,
  Card,
  ColorInput,
  FileButton,
  Group,
  NavLink,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { QuoteDocumentView } from './QuoteDocumentView.tsx';
import { quoteKeys } from './queryKeys.ts';
import type { QuoteSettings, QuoteTemplate, QuoteTemplateInput } from './types.ts';

const SAMPLE = {
  reference: 'Q-0042',
  accountName: 'Bakkerij Jansen B.V.',
  contactName: 'Anneke de Vries',
  currency: 'EUR',
  termStart: '2027-04-01',
  termEnd: '2028-03-31',
  validUntil: '2027-03-01',
  incentivePercent: 5,
  incentiveUntil: '2027-02-15',
  lines: [
    { kind: 'renewal', description: 'Professional', quantity: 25, unitPriceCents: 46_800, discountPercent: 0, totalCents: 1_170_000 },
    { kind: 'upsell', description: 'Professional', quantity: 5, unitPriceCents: 46_800, discountPercent: 0, totalCents: 234_000 },
    { kind: 'cross_sell', description: 'Single sign-on', quantity: 1, unitPriceCents: 120_000, discountPercent: 0, totalCents: 120_000 },
  ],
  subtotalCents: 1_524_000,
  incentiveCents: 76_200,
  totalCents: 1_447_800,
};

const blank: QuoteTemplateInput = {
  name: '',
  language: 'en',
  companyName: '',
  introText: '',
  termsText: '',
  footerText: '',
  accentColor: '#1c7ed6',
  isDefault: false,
};

/** Quote templates (branding, logo, texts per language) with a live preview, and the approval rules. */
export function QuoteTemplatesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const templates = useQuery({ queryKey: quoteKeys.templates, queryFn: async () => unwrap(await api.GET('/api/v1/quote-templates')) });
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const current = templates.data?.items.find((x) => x.id === selected) ?? (selected === 'new' ? null : templates.data?.items[0]);
  const [draft, setDraft] = useState<QuoteTemplateInput>(blank);
  useEffect(() => {
    if (current) {
      const { id: _i, updatedAt: _u, ...rest } = current as QuoteTemplate;
      setDraft({ ...rest, logoDataUrl: rest.logoDataUrl ?? null });
    } else if (selected === 'new') setDraft(blank);
  }, [current, selected]);
  const save = useMutation({
    mutationFn: async () =>
      current
        ? unwrap(await api.PATCH('/api/v1/quote-templates/{id}', { params: { path: { id: current.id } }, body: draft }))
        : unwrap(await api.POST('/api/v1/quote-templates', { body: draft })),
    onSuccess: (x) => {
      void qc.invalidateQueries({ queryKey: quoteKeys.templates });
      setSelected(x.id);
      notifySuccess(t('quote.templates.saved'));
    },
    onError: (e) => notifyError(e),
  });
  const errors = fieldErrors(save.error);
  const logo = (file: File | null) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => setDraft({ ...draft, logoDataUrl: String(reader.result) });
    reader.readAsDataURL(file);
  };
  return (
    <Stack gap="md">
      <PageHeader title={t('nav.quoteTemplates')} subtitle={t('quote.templates.subtitle')} />
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Stack gap="md">
          <Card withBorder p="xs">
            {(templates.data?.items ?? []).map((x) => (
              <NavLink
                key={x.id}
                label={x.name}
                description={`${t(`languages.${x.language}`)}${x.isDefault ? ` · ${t('quote.templates.default')}` : ''}`}
                active={current?.id === x.id}
                onClick={() => setSelected(x.id)}
              />
            ))}
            <Button variant="subtle" size="xs" mt="xs" onClick={() => setSelected('new')} data-testid="template-new">
              {t('quote.templates.add')}
            </Button>
          </Card>
          <Card withBorder>
            <Stack gap="xs">
              <TextInput
                label={t('quote.templates.name')}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                error={errors.name}
              />
              <Group grow>
                <Select
                  label={t('quote.fields.language')}
                  data={(['en', 'nl', 'da'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                  value={draft.language}
                  onChange={(v) => v && setDraft({ ...draft, language: v as QuoteTemplateInput['language'] })}
                />
                <ColorInput
                  label={t('quote.templates.accent')}
                  value={draft.accentColor}
                  onChange={(v) => setDraft({ ...draft, accentColor: v })}
                  error={errors.accentColor}
                />
              </Group>
              <TextInput
                label={t('quote.templates.company')}
                value={draft.companyName}
                onChange={(e) => setDraft({ ...draft, companyName: e.currentTarget.value })}
                error={errors.companyName}
              />
              <Group>
                <FileButton onChange={logo} accept="image/png,image/jpeg">
                  {(props) => (
                    <Button size="xs" variant="light" {...props}>
                      {t('quote.templates.logo')}
                    </Button>
                  )}
                </FileButton>
                {draft.logoDataUrl ? (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setDraft({ ...draft, logoDataUrl: null })}>
                    {t('quote.templates.removeLogo')}
                  </Button>
                ) : null}
              </Group>
              <Textarea
                label={t('quote.templates.intro')}
                description={t('quote.templates.placeholders')}
                value={draft.introText}
                onChange={(e) => setDraft({ ...draft, introText: e.currentTarget.value })}
                autosize
                minRows={3}
                error={errors.introText}
                data-testid="template-intro"
              />
              <Textarea
                label={t('quote.templates.terms')}
                value={draft.termsText}
                onChange={(e) => setDraft({ ...draft, termsText: e.currentTarget.value })}
                autosize
                minRows={3}
                error={errors.termsText}
              />
              <TextInput
                label={t('quote.templates.footer')}
                value={draft.footerText ?? ''}
                onChange={(e) => setDraft({ ...draft, footerText: e.currentTarget.value })}
              />
              <Switch
                label={t('quote.templates.default')}
                checked={!!draft.isDefault}
                onChange={(e) => setDraft({ ...draft, isDefault: e.currentTarget.checked })}
              />
              <Group justify="flex-end">
                <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="template-save">
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </Card>
          <RulesCard />
        </Stack>
        <Stack style={{ gridColumn: 'span 2' }} gap="xs">
          <Title order={5}>{t('quote.templates.preview')}</Title>
          <QuoteDocumentView
            doc={{
              ...SAMPLE,
              language: draft.language,
              companyName: draft.companyName,
              accentColor: /^#[0-9a-f]{6}$/i.test(draft.accentColor ?? '') ? (draft.accentColor as string) : '#1c7ed6',
              logoDataUrl: draft.logoDataUrl ?? null,
              introText: draft.introText,
              termsText: draft.termsText,
              footerText: draft.footerText ?? '',
            }}
          />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function RulesCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: quoteKeys.settings, queryFn: async () => unwrap(await api.GET('/api/v1/quote-settings')) });
  const [draft, setDraft] = useState<QuoteSettings | null>(null);
  useEffect(() => setDraft(settings.data ?? null), [settings.data]);
  const save = useMutation({
    mutationFn: async (body: QuoteSettings) => unwrap(await api.PUT('/api/v1/quote-settings', { body })),
    onSuccess: (s) => {
      qc.setQueryData(quoteKeys.settings, s);
      notifySuccess(t('quote.templates.saved'));
    },
    onError: (e) => notifyError(e),
  });
  if (!draft) return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={5}>{t('quote.rules.title')}</Title>
        <NumberInput
          label={t('quote.rules.maxDiscount')}
          value={draft.maxDiscountPercent}
          suffix="%"
          min={0}
          max={100}
          onChange={(v) => setDraft({ ...draft, maxDiscountPercent: Number(v || 0) })}
        />
        <Switch
          label={t('quote.rules.belowList')}
          checked={draft.approveBelowList}
          onChange={(e) => setDraft({ ...draft, approveBelowList: e.currentTarget.checked })}
        />
        <NumberInput
          label={t('quote.rules.linkDays')}
          value={draft.linkValidDays}
          min={1}
          max={365}
          onChange={(v) => setDraft({ ...draft, linkValidDays: Number(v || 30) })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => save.mutate(draft)} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
