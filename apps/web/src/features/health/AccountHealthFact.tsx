import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { healthKeys } from './queryKeys.ts';
import { BAND_COLORS, type Band } from './types.ts';

/** The account header's health: its score and band, as the Health tab explains them. */
export function AccountHealthFact({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: healthKeys.ofAccount(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/health', { params: { path: { id: accountId } } })),
  });
  const h = health.data;
  if (!h) return '…';
  if (!h.band || h.score === null) return '—';
  return (
    <Badge color={BAND_COLORS[h.band as Band]} variant="light">
      {formatNumber(Math.round(h.score))} · {t(`health.band.${h.band}`)}
    </Badge>
  );
}
