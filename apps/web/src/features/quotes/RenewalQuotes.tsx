import { Anchor, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { DateField } from '../../components/DateField.tsx';
import { api, fieldErrors, notifyError, unwrap } from '../../lib/api.ts';
import { numberSeparators } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { StatusBadge } from './QuoteBadges.tsx';
import { quoteKeys } from './queryKeys.ts';
import { type TQuotedRenewal, winbackAllowed } from './winback.ts';

/**
 * A renewal's quotes and its "Create quote" (or, at risk of churn, "Make a win-back offer") action: in the pipeline's
 * drawer and on the account page's Renewal tab.
 */
/** How many quotes a renewal shows; when it has more it says so and links to the quotes list of that renewal. */
const SHOWN = 20;

export function RenewalQuotes({ renewal }: { renewal: TQuotedRenewal }): ReactElement | null {
  const { t } = useTranslation();
  const renewalId = renewal.id;
  const atRisk = winbackAllowed(renewal);
  const closed = !!renewal.closedAt;
  const canWrite = useCan('quote:write');
  const canRead = useCan('quote:read');
  const [kind, setKind] = useState<'renewal' | 'winback' | null>(null);
  const quotes = useQuery({
    queryKey: quoteKeys.ofRenewal(renewalId),
    queryFn: async () => unwrap(await api.GET('/api/v1/quotes', { params: { query: { renewalId, pageSize: SHOWN } } })),
    enabled: canRead,
  });
  if (!canRead) return null;
  return (
    <Stack gap="xs" data-testid="renewal-quotes">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {t('quote.renewalQuotes')}
        </Text>
        {canWrite ? (
          <Group gap="xs">
            {!closed ? (
              <Button size="xs" onClick={() => setKind('renewal')} data-testid="create-quote">
                {t('quote.create')}
              </Button>
            ) : null}
            {atRisk ? (
              <Button size="xs" variant="light" color="orange" onClick={() => setKind('winback')} data-testid="create-winback">
                {t('quote.createWinback')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      {(quotes.data?.items ?? []).map((q) => (
        <Group key={q.id} justify="space-between" wrap="nowrap">
          <Anchor renderRoot={(p) => <Link {...p} to="/quotes/$quoteId" params={{ quoteId: q.id }} />} size="sm">
            {q.reference}
            {q.kind === 'winback' ? ` · ${t('quote.kinds.winback')}` : ''}
          </Anchor>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{formatMoney(q.totalCents / 100, q.currency)}</Text>
            <StatusBadge status={q.status} />
          </Group>
        </Group>
      ))}
      {quotes.data && quotes.data.total > quotes.data.items.length ? (
        <Group gap="xs" justify="space-between" data-testid="renewal-quotes-more">
          <Text size="xs" c="dimmed">
            {t('quote.latestOf', { shown: quotes.data.items.length, total: quotes.data.total })}
          </Text>
          <Anchor size="xs" renderRoot={(p) => <Link {...p} to="/quotes" search={{ renewalId }} />}>
            {t('quote.allOfRenewal', { count: quotes.data.total })}
          </Anchor>
        </Group>
      ) : null}
      {quotes.data && !quotes.data.items.length ? (
        <Text size="sm" c="dimmed">
          {t('quote.noneYet')}
        </Text>
      ) : null}
      {kind ? <CreateQuoteModal renewalId={renewalId} kind={kind} onClose={() => setKind(null)} /> : null}
    </Stack>
  );
}

function CreateQuoteModal({ renewalId, kind, onClose }: { renewalId: string; kind: 'renewal' | 'winback'; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [uplift, setUplift] = useState<number>(kind === 'winback' ? 0 : 3);
  const [upsell, setUpsell] = useState(false);
  const [extraSeats, setExtraSeats] = useState<number>(0);
  const [addOns, setAddOns] = useState<string[]>([]);
  const [incentive, setIncentive] = useState<number>(kind === 'winback' ? 15 : 0);
  const [until, setUntil] = useState<string | null>(null);
  const plans = useQuery({
    queryKey: ['plans', 'addons-for-quote'],
    queryFn: async () => unwrap(await api.GET('/api/v1/plans', { params: { query: { pageSize: 200, status: 'active' } } })),
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/renewal-opportunities/{id}/quotes', {
          params: { path: { id: renewalId } },
          body: {
            kind,
            upliftPercent: uplift,
            upsell,
            extraSeats,
            crossSellPlanIds: addOns,
            incentivePercent: incentive,
            ...(until ? { incentiveUntil: until } : {}),
          },
        }),
      ),
    onSuccess: (q) => {
      void qc.invalidateQueries({ queryKey: quoteKeys.all });
      onClose();
      void navigate({ to: '/quotes/$quoteId', params: { quoteId: q.id } });
    },
    onError: (e) => notifyError(e),
  });
  const errors = fieldErrors(create.error);
  const addOnPlans = (plans.data?.items ?? []).filter((p) => p.productKind === 'addon');
  return (
    <Modal opened onClose={onClose} title={kind === 'winback' ? t('quote.createWinback') : t('quote.create')}>
      <Stack gap="sm">
        <NumberInput
          {...numberSeparators()}
          label={t('quote.fields.uplift')}
          value={uplift}
          onChange={(v) => setUplift(Number(v || 0))}
          suffix="%"
          min={-50}
          max={100}
          error={errors.upliftPercent}
          data-testid="quote-uplift"
        />
        <Checkbox
          label={t('quote.fields.upsell')}
          checked={upsell}
          onChange={(e) => setUpsell(e.currentTarget.checked)}
          data-testid="quote-upsell"
        />
        <NumberInput
          label={t('quote.fields.extraSeats')}
          value={extraSeats}
          onChange={(v) => setExtraSeats(Number(v || 0))}
          min={0}
          error={errors.extraSeats}
          data-testid="quote-extra-seats"
        />
        <MultiSelect
          label={t('quote.fields.addOns')}
          data={addOnPlans.map((p) => ({ value: p.id, label: p.name }))}
          value={addOns}
          onChange={setAddOns}
          searchable
          data-testid="quote-addons"
        />
        <Group grow>
          <NumberInput
            {...numberSeparators()}
            label={t('quote.fields.incentive')}
            value={incentive}
            onChange={(v) => setIncentive(Number(v || 0))}
            suffix="%"
            min={0}
            max={100}
            error={errors.incentivePercent}
          />
          <DateField label={t('quote.fields.incentiveUntil')} value={until} onChange={setUntil} error={errors.incentiveUntil} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={() => create.mutate()} data-testid="quote-create-submit">
            {t('quote.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
