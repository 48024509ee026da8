import { Alert, Anchor, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { DateField } from '../../components/DateField.tsx';
import { DetailRows } from '../../components/DetailRows.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import { StatusBadge } from './QuoteBadges.tsx';
import { QuoteLinesEditor } from './QuoteLinesEditor.tsx';
import { quoteKeys } from './queryKeys.ts';
import type { Quote, QuoteLineInput } from './types.ts';

const route = getRouteApi('/app/quotes/$quoteId');
const EDITABLE = ['draft', 'pending_approval', 'approved', 'rejected'];
const months = (a: string, b: string) => {
  const x = new Date(`${a}T00:00:00Z`);
  const y = new Date(new Date(`${b}T00:00:00Z`).getTime() + 86_400_000);
  return (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + (y.getUTCMonth() - x.getUTCMonth()) + (y.getUTCDate() - x.getUTCDate()) / 30;
};

/** One quote: its lines and totals (editable until sent), approval, sending, and what the customer did. */
export function QuotePage() {
  const { t } = useTranslation();
  const { quoteId } = route.useParams();
  const qc = useQueryClient();
  const canWrite = useCan('quote:write');
  const canApprove = useCan('quote:approve');
  const quote = useQuery({
    queryKey: quoteKeys.one(quoteId),
    queryFn: async () => unwrap(await api.GET('/api/v1/quotes/{id}', { params: { path: { id: quoteId } } })),
  });
  const [lines, setLines] = useState<QuoteLineInput[]>([]);
  const [draft, setDraft] = useState<Partial<Quote>>({});
  const [comment, setComment] = useState('');
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    if (!quote.data) return;
    setLines(quote.data.lines.map(({ position: _p, listPriceCents: _l, totalCents: _t, ...l }) => l));
    setDraft({});
  }, [quote.data]);
  const done = (q: Quote) => {
    qc.setQueryData(quoteKeys.one(quoteId), q);
    void qc.invalidateQueries({ queryKey: quoteKeys.all });
    void qc.invalidateQueries({ queryKey: ['renewal-opportunities'] });
  };
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/quotes/{id}', {
          params: { path: { id: quoteId } },
          body: {
            lines: lines.map((l) => ({ ...l, planId: l.planId ?? null })),
            ...(draft.termStart ? { termStart: draft.termStart } : {}),
            ...(draft.termEnd ? { termEnd: draft.termEnd } : {}),
            ...(draft.validUntil ? { validUntil: draft.validUntil } : {}),
            ...(draft.incentivePercent !== undefined ? { incentivePercent: draft.incentivePercent } : {}),
            ...(draft.incentiveUntil !== undefined ? { incentiveUntil: draft.incentiveUntil } : {}),
            ...(draft.notes !== undefined ? { notes: draft.notes } : {}),
          },
        }),
      ),
    onSuccess: (q) => {
      done(q);
      notifySuccess(t('quote.saved'));
    },
    onError: (e) => notifyError(e),
  });
  const act = useMutation({
    mutationFn: async (action: 'submit' | 'approve' | 'reject' | 'send') => {
      const id = { params: { path: { id: quoteId } } };
      if (action === 'submit') return unwrap(await api.POST('/api/v1/quotes/{id}/submit', id));
      if (action === 'approve') return unwrap(await api.POST('/api/v1/quotes/{id}/approve', { ...id, body: { comment: comment || null } }));
      if (action === 'reject') return unwrap(await api.POST('/api/v1/quotes/{id}/reject', { ...id, body: { comment } }));
      const sent = unwrap(await api.POST('/api/v1/quotes/{id}/send', { ...id, body: {} }));
      setLink(sent.link);
      return sent.quote;
    },
    onSuccess: (q) => {
      done(q);
      setComment('');
    },
    onError: (e) => notifyError(e),
  });
  const q = quote.data;
  if (!q) return null;
  const errors = fieldErrors(save.error);
  const editable = canWrite && EDITABLE.includes(q.status);
  const v = { ...q, ...draft };
  const periods = months(v.termStart, v.termEnd) / q.intervalMonths;
  return (
    <Stack gap="md">
      <PageHeader
        title={`${q.reference} · ${q.accountName}`}
        subtitle={q.kind === 'winback' ? t('quote.kinds.winback') : t('quote.kinds.renewal')}
        actions={<StatusBadge status={q.status} />}
      />
      {q.needsApproval ? (
        <Alert color="yellow" data-testid="quote-needs-approval">
          {t('quote.needsApproval', { reasons: q.approvalReasons.map((r) => t(`quote.reasons.${r}`)).join(', ') })}
        </Alert>
      ) : null}
      {q.status === 'rejected' && q.decisionComment ? (
        <Alert color="red">{t('quote.rejectedBy', { name: q.decidedByName, comment: q.decisionComment })}</Alert>
      ) : null}
      {link ? (
        <Alert color="blue" data-testid="quote-link">
          {t('quote.sentTo', { to: q.sentTo })}{' '}
          <Anchor href={link} target="_blank">
            {link}
          </Anchor>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Card withBorder style={{ gridColumn: 'span 2' }}>
          <Stack gap="sm">
            <QuoteLinesEditor lines={lines} onChange={setLines} currency={q.currency} periods={periods} disabled={!editable} />
            <Group justify="flex-end" gap="xl">
              <Text size="sm">
                {t('quote.doc.subtotal')}: <b>{formatMoney(q.subtotalCents / 100, q.currency)}</b>
              </Text>
              <Text size="sm">
                {t('quote.fields.incentiveShort')}: <b>− {formatMoney(q.incentiveCents / 100, q.currency)}</b>
              </Text>
              <Text data-testid="quote-total">
                {t('quote.doc.grandTotal')}: <b>{formatMoney(q.totalCents / 100, q.currency)}</b>
              </Text>
              <Text size="sm" c="dimmed">
                {t('quote.discountVsList', { percent: q.discountPercent })}
              </Text>
            </Group>
            {editable ? (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <DateField
                  label={t('quote.fields.termStart')}
                  value={v.termStart}
                  onChange={(d) => d && setDraft({ ...draft, termStart: d })}
                  error={errors.termStart}
                />
                <DateField
                  label={t('quote.fields.termEnd')}
                  value={v.termEnd}
                  onChange={(d) => d && setDraft({ ...draft, termEnd: d })}
                  error={errors.termEnd}
                />
                <DateField
                  label={t('quote.fields.validUntil')}
                  value={v.validUntil}
                  onChange={(d) => d && setDraft({ ...draft, validUntil: d })}
                />
                <NumberInput
                  label={t('quote.fields.incentive')}
                  value={v.incentivePercent}
                  suffix="%"
                  min={0}
                  max={100}
                  onChange={(n) => setDraft({ ...draft, incentivePercent: Number(n || 0) })}
                />
                <DateField
                  label={t('quote.fields.incentiveUntil')}
                  value={v.incentiveUntil}
                  clearable
                  onChange={(d) => setDraft({ ...draft, incentiveUntil: d })}
                />
              </SimpleGrid>
            ) : null}
            {editable ? (
              <Textarea
                label={t('quote.fields.notes')}
                value={v.notes ?? ''}
                onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
                autosize
                minRows={2}
              />
            ) : null}
            <Group justify="flex-end">
              {editable ? (
                <Button variant="default" loading={save.isPending} onClick={() => save.mutate()} data-testid="quote-save">
                  {t('common.save')}
                </Button>
              ) : null}
              {canWrite && (q.status === 'draft' || q.status === 'rejected') && q.approvalReasons.length ? (
                <Button onClick={() => act.mutate('submit')} loading={act.isPending} data-testid="quote-submit">
                  {t('quote.submit')}
                </Button>
              ) : null}
              {canWrite && (q.status === 'approved' || q.status === 'sent' || (q.status === 'draft' && !q.approvalReasons.length)) ? (
                <Button onClick={() => act.mutate('send')} loading={act.isPending} data-testid="quote-send">
                  {q.status === 'sent' ? t('quote.resend') : t('quote.send')}
                </Button>
              ) : null}
            </Group>
            {canApprove && q.status === 'pending_approval' ? (
              <Card withBorder bg="var(--mantine-color-yellow-light)">
                <Stack gap="xs">
                  <TextInput
                    label={t('quote.fields.comment')}
                    value={comment}
                    onChange={(e) => setComment(e.currentTarget.value)}
                    data-testid="quote-comment"
                  />
                  <Group justify="flex-end">
                    <Button
                      color="red"
                      variant="light"
                      onClick={() => act.mutate('reject')}
                      disabled={!comment.trim()}
                      data-testid="quote-reject"
                    >
                      {t('quote.reject')}
                    </Button>
                    <Button color="teal" onClick={() => act.mutate('approve')} data-testid="quote-approve">
                      {t('quote.approve')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            ) : null}
          </Stack>
        </Card>
        <Card withBorder>
          <DetailRows
            rows={[
              [
                t('quote.fields.account'),
                <Anchor key="a" renderRoot={(p) => <Link {...p} to="/accounts/$accountId" params={{ accountId: q.accountId }} />} size="sm">
                  {q.accountName}
                </Anchor>,
              ],
              [
                t('quote.fields.renewal'),
                <Anchor key="r" renderRoot={(p) => <Link {...p} to="/renewal-opportunities" search={{ renewal: q.renewalId }} />} size="sm">
                  {q.subscriptionReference ?? t('quote.fields.renewal')}
                </Anchor>,
              ],
              [t('quote.fields.contact'), q.contactName ? `${q.contactName} (${q.contactEmail ?? t('common.empty')})` : t('common.empty')],
              [t('quote.fields.template'), q.templateName],
              [t('quote.fields.language'), t(`languages.${q.language}`)],
              [t('quote.fields.term'), `${formatDate(q.termStart)} – ${formatDate(q.termEnd)}`],
              [t('quote.fields.validUntil'), formatDate(q.validUntil)],
              [t('quote.fields.uplift'), formatPercent(q.upliftPercent / 100, 2)],
              [t('quote.fields.createdBy'), `${q.createdByName ?? t('common.empty')}, ${formatDateTime(q.createdAt)}`],
              ...(q.decidedAt
                ? ([[t('quote.fields.decidedBy'), `${q.decidedByName}, ${formatDateTime(q.decidedAt)}`]] as [string, string][])
                : []),
              ...(q.sentAt ? ([[t('quote.fields.sentAt'), `${formatDateTime(q.sentAt)} → ${q.sentTo}`]] as [string, string][]) : []),
              ...(q.acceptedAt
                ? ([
                    [
                      t('quote.fields.acceptedAt'),
                      t('quote.acceptedBy', { name: q.acceptedName, date: formatDateTime(q.acceptedAt), ip: q.acceptedIp }),
                    ],
                  ] as [string, string][])
                : []),
              ...(q.outcome ? ([[t('quote.fields.outcome'), t(`quote.outcomes.${q.outcome}`)]] as [string, string][]) : []),
              ...(q.declinedAt
                ? ([[t('quote.fields.declinedAt'), `${formatDateTime(q.declinedAt)}: ${q.declineReason}`]] as [string, string][])
                : []),
            ]}
          />
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
