import { Paper, SimpleGrid, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FIGURES, type FigureKey, formatDelta, formatFigure } from './figures.ts';
import type { PeriodMetrics } from './types.ts';

const KPIS: FigureKey[] = [
  'mrr',
  'arr',
  'customers',
  'arpa',
  'nrr',
  'grr',
  'customerChurnRate',
  'quickRatio',
  'ltv',
  'clv',
  'grossMarginPct',
];

/** The last period's key figures, each with its change against the period before; a card drills into the figures table. */
export function KpiCards({
  periods,
  currency,
  loading,
  onPick,
}: {
  periods: PeriodMetrics[];
  currency: string;
  loading: boolean;
  onPick?: (key: FigureKey) => void;
}) {
  const { t } = useTranslation();
  const last = periods.at(-1);
  const prev = periods.at(-2);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} spacing="sm" data-testid="kpi-cards">
      {KPIS.map((key) => {
        const fig = FIGURES.find((f) => f.key === key);
        if (!fig) return null;
        const now = last ? (last[key] as number | null) : null;
        const before = prev ? (prev[key] as number | null) : null;
        const delta = formatDelta(fig.kind, now, before, t);
        const up = now !== null && before !== null && now > before;
        const down = now !== null && before !== null && now < before;
        const good = fig.lowerIsBetter ? down : up;
        const bad = fig.lowerIsBetter ? up : down;
        return (
          <UnstyledButton key={key} onClick={() => onPick?.(key)} data-testid={`kpi-${key}`}>
            <Paper withBorder p="sm" h="100%">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lineClamp={1}>
                {t(`revenue.figures.${key}`)}
              </Text>
              {loading ? (
                <Skeleton h={26} mt={4} />
              ) : (
                <Text fz={20} fw={700} lh={1.3} data-testid="kpi-value" style={{ whiteSpace: 'nowrap' }}>
                  {formatFigure(fig.kind, now, currency, 'whole')}
                </Text>
              )}
              <Text size="xs" c={good ? 'teal' : bad ? 'red' : 'dimmed'}>
                {delta ? t('revenue.vsPrevious', { delta }) : '\u00a0'}
              </Text>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
