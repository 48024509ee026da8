import { Button, Checkbox, Modal, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { emptyLine, isLineComplete, type LineDraft, LineFields, toLineInput } from './LineFields.tsx';
import { subscriptionKeys } from './queryKeys.ts';
import { type CreateSubscriptionBody, INTERVALS } from './types.ts';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'DKK', 'SEK', 'NOK', 'CHF'];

/** "Start a subscription": currency, billing interval, term, lines. The start date may lie in the past. */
export function StartSubscriptionModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState('EUR');
  const [interval, setInterval] = useState<(typeof INTERVALS)[number]>(1);
  const [termStart, setTermStart] = useState<string | null>(dayjs().format('YYYY-MM-DD'));
  const [termEnd, setTermEnd] = useState<string | null>(null);
  const [autoRenew, setAutoRenew] = useState(true);
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!opened) return;
    setTermStart(dayjs().format('YYYY-MM-DD'));
    setTermEnd(null);
    setLines([emptyLine()]);
    setComment('');
    setErrors({});
  }, [opened]);

  const save = useMutation({
    mutationFn: async () => {
      const body: CreateSubscriptionBody = {
        currency,
        intervalMonths: interval,
        termStart: termStart ?? dayjs().format('YYYY-MM-DD'),
        termEnd,
        autoRenew,
        lines: lines.map(toLineInput),
        comment: comment.trim() || null,
      };
      return unwrap(await api.POST('/api/v1/accounts/{id}/subscriptions', { params: { path: { id: accountId } }, body }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: subscriptionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
      notifySuccess(t('subscription.started'));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!lines.every(isLineComplete)) return setErrors({ lines: t('subscription.lineIncomplete') });
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('subscription.start')} size="xl">
      <form onSubmit={submit} noValidate data-testid="start-subscription-form">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Select
              label={t('subscription.fields.currency')}
              data={CURRENCIES}
              value={currency}
              onChange={(v) => v && setCurrency(v)}
              allowDeselect={false}
              error={errors.currency}
            />
            <Select
              label={t('subscription.fields.interval')}
              data={INTERVALS.map((n) => ({ value: String(n), label: t(`subscription.intervals.${n}`) }))}
              value={String(interval)}
              onChange={(v) => v && setInterval(Number(v) as (typeof INTERVALS)[number])}
              allowDeselect={false}
            />
            <DateField
              label={t('subscription.fields.termStart')}
              value={termStart}
              onChange={setTermStart}
              required
              error={errors.termStart}
              data-testid="term-start"
            />
            <DateField label={t('subscription.fields.termEnd')} value={termEnd} onChange={setTermEnd} clearable error={errors.termEnd} />
          </SimpleGrid>
          <Checkbox
            label={t('subscription.fields.autoRenew')}
            checked={autoRenew}
            onChange={(e) => setAutoRenew(e.currentTarget.checked)}
          />
          {lines.map((line, i) => (
            <LineFields
              // biome-ignore lint/suspicious/noArrayIndexKey: draft lines have no identity until saved
              key={i}
              index={i}
              currency={currency}
              value={line}
              onChange={(v) => setLines((all) => all.map((l, j) => (j === i ? v : l)))}
              onRemove={lines.length > 1 ? () => setLines((all) => all.filter((_, j) => j !== i)) : undefined}
            />
          ))}
          {errors.lines ? (
            <div style={{ color: 'var(--mantine-color-error)', fontSize: 'var(--mantine-font-size-sm)' }}>{errors.lines}</div>
          ) : null}
          <div>
            <Button variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setLines((all) => [...all, emptyLine()])}>
              {t('subscription.addLineRow')}
            </Button>
          </div>
          <Textarea
            label={t('subscription.fields.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-subscription">
              {t('subscription.start')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
