import { Box, Divider, Group, Image, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a quote document shows: the customer's page and the template editor's live preview draw the same. */
export interface QuoteDocumentData {
  reference: string;
  language: 'en' | 'nl' | 'da';
  companyName: string;
  accentColor: string;
  logoDataUrl: string | null;
  introText: string;
  termsText: string;
  footerText: string;
  accountName: string;
  contactName: string | null;
  currency: string;
  termStart: string;
  termEnd: string;
  validUntil: string;
  incentivePercent: number;
  incentiveUntil: string | null;
  lines: { kind: string; description: string; quantity: number; unitPriceCents: number; discountPercent: number; totalCents: number }[];
  subtotalCents: number;
  incentiveCents: number;
  totalCents: number;
}

const LOCALES = { en: 'en-GB', nl: 'nl-NL', da: 'da-DK' } as const;

/** Fill a text block's placeholders ({account}, {contact}, {renewalDate}, {validUntil}). */
export const fillText = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (w, k: string) => values[k] ?? w);

/** A quote as the PDF has it: money and dates in the quote's language, its template's texts and colours. */
export function QuoteDocumentView({ doc, footer }: { doc: QuoteDocumentData; footer?: ReactNode }): ReactElement {
  // The fixed words in the UI language (the customer's page switches it to the quote's); money and dates in the quote's.
  const { t } = useTranslation();
  const locale = LOCALES[doc.language];
  const money = (cents: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: doc.currency }).format(cents / 100);
  const day = (d: string) =>
    new Date(`${d}T00:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const values = {
    account: doc.accountName,
    contact: doc.contactName ?? doc.accountName,
    renewalDate: day(doc.termStart),
    validUntil: day(doc.validUntil),
  };
  return (
    <Paper withBorder p="xl" radius="md" data-testid="quote-document">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          {doc.logoDataUrl ? (
            <Image src={doc.logoDataUrl} alt={doc.companyName} h={48} w="auto" fit="contain" />
          ) : (
            <Title order={3} c={doc.accentColor}>
              {doc.companyName}
            </Title>
          )}
          <Stack gap={0} align="flex-end">
            <Title order={3}>{t('quote.doc.title', { reference: doc.reference })}</Title>
            <Text size="sm">{t('quote.doc.validUntil', { date: day(doc.validUntil) })}</Text>
          </Stack>
        </Group>
        <Box h={3} bg={doc.accentColor} />
        <Stack gap={2}>
          <Text size="sm">
            <b>{t('quote.doc.for')}:</b> {doc.accountName}
          </Text>
          {doc.contactName ? (
            <Text size="sm">
              <b>{t('quote.doc.attention')}:</b> {doc.contactName}
            </Text>
          ) : null}
          <Text size="sm">
            <b>{t('quote.doc.term')}:</b> {day(doc.termStart)} – {day(doc.termEnd)}
          </Text>
        </Stack>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {fillText(doc.introText, values)}
        </Text>
        <Table striped withTableBorder data-testid="quote-document-lines">
          <Table.Thead style={{ background: doc.accentColor, color: 'white' }}>
            <Table.Tr>
              <Table.Th>{t('quote.doc.description')}</Table.Th>
              <Table.Th ta="right">{t('quote.doc.quantity')}</Table.Th>
              <Table.Th ta="right">{t('quote.doc.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('quote.doc.discount')}</Table.Th>
              <Table.Th ta="right">{t('quote.doc.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doc.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a document's lines have no id; their order is their identity
              <Table.Tr key={i}>
                <Table.Td>
                  {l.description}
                  {l.kind !== 'custom' ? (
                    <Text size="xs" c="dimmed">
                      {t(`quote.lineKinds.${l.kind}`)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{l.quantity}</Table.Td>
                <Table.Td ta="right">{money(l.unitPriceCents)}</Table.Td>
                <Table.Td ta="right">{l.discountPercent ? `${l.discountPercent}%` : ''}</Table.Td>
                <Table.Td ta="right">{money(l.totalCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Stack gap={2} align="flex-end">
          <Text size="sm">
            {t('quote.doc.subtotal')}: {money(doc.subtotalCents)}
          </Text>
          {doc.incentiveCents > 0 && doc.incentiveUntil ? (
            <Text size="sm">
              {t('quote.doc.incentive', { percent: doc.incentivePercent, date: day(doc.incentiveUntil) })}: − {money(doc.incentiveCents)}
            </Text>
          ) : null}
          <Text fw={700} data-testid="quote-document-total">
            {t('quote.doc.grandTotal')}: {money(doc.totalCents)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('quote.doc.taxNote')}
          </Text>
        </Stack>
        <Divider />
        <Title order={5}>{t('quote.doc.terms')}</Title>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {fillText(doc.termsText, values)}
        </Text>
        {footer}
        <Text size="xs" c="dimmed">
          {fillText(doc.footerText, values)}
        </Text>
      </Stack>
    </Paper>
  );
}
