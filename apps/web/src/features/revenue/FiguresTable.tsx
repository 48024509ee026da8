import { Button, Group, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../../lib/money.ts';
import { DRILLABLE, FIGURES, type FigureKey, formatFigure } from './figures.ts';
import type { Movement, PeriodMetrics, Series } from './types.ts';

/**
 * Every figure of every period: a row per figure, a column per period, as finance reads it. Movement
 * cells (and new/churned customer counts) open the accounts behind them; CSV is the API's mrr.csv.
 */
export function FiguresTable({
  series,
  exportUrl,
  highlight,
  onPick,
}: {
  series: Series;
  exportUrl: string;
  highlight?: FigureKey | null;
  onPick: (period: PeriodMetrics, type: Movement) => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const last = series.periods.at(-1)?.period;
  // The latest period is the one people look for: a wide range starts scrolled to its right end.
  useEffect(() => {
    if (last && scrollRef.current) scrollRef.current.scrollLeft = scrollRef.current.scrollWidth;
  }, [last]);
  return (
    <Paper withBorder p="md" data-testid="figures-table">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          {t('revenue.table.title')}
        </Text>
        <Button
          component="a"
          href={exportUrl}
          download
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          data-testid="export-csv"
        >
          {t('table.exportCsv')}
        </Button>
      </Group>
      <Table.ScrollContainer ref={scrollRef} minWidth={800} type="native">
        <Table striped highlightOnHover withColumnBorders stickyHeader fz="xs" horizontalSpacing={8} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="c365-sticky-col" style={{ whiteSpace: 'nowrap' }}>
                {t('revenue.table.figure')}
              </Table.Th>
              {series.periods.map((p) => (
                <Table.Th key={p.period} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatPeriod(p.period)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {FIGURES.map((f) => {
              const drill = DRILLABLE[f.key];
              return (
                <Table.Tr
                  key={f.key}
                  bg={highlight === f.key ? 'var(--mantine-color-yellow-light)' : undefined}
                  data-testid={`figure-${f.key}`}
                >
                  <Table.Td className="c365-sticky-col" style={{ whiteSpace: 'nowrap' }} fw={500}>
                    {t(`revenue.figures.${f.key}`)}
                  </Table.Td>
                  {series.periods.map((p) => {
                    const value = p[f.key] as number | null;
                    const text = formatFigure(f.kind, value, series.currency, 'whole');
                    return (
                      <Table.Td key={p.period} ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {drill && value ? (
                          <UnstyledButton
                            onClick={() => onPick(p, drill)}
                            fz="xs"
                            c="blue"
                            td="underline"
                            data-testid={`cell-${f.key}-${p.period}`}
                            aria-label={t('revenue.drillAria', { figure: t(`revenue.figures.${f.key}`), period: formatPeriod(p.period) })}
                          >
                            {text}
                          </UnstyledButton>
                        ) : (
                          text
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
