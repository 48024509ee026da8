import { Button, Group, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../../lib/csv.ts';
import { formatPeriod } from '../../lib/money.ts';
import { DRILLABLE, FIGURES, formatRenewalFigure } from './figures.ts';
import type { RenewalPeriod, RenewalReport, RenewalTermOutcome } from './types.ts';

/**
 * Every figure per period (a row per period, as the CLI prints it); a count opens the terms behind it. The CSV
 * holds the same rows, the API's keys as headers.
 */
export function RenewalTable({
  report,
  onPick,
}: {
  report: RenewalReport;
  onPick: (period: RenewalPeriod, outcome: RenewalTermOutcome | undefined) => void;
}) {
  const { t } = useTranslation();
  const cell = (p: RenewalPeriod, f: (typeof FIGURES)[number]) => formatRenewalFigure(p, f, report.currency);
  return (
    <Paper withBorder p="md" data-testid="renewal-table">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          {t('renewal.table.title', { currency: report.currency })}
        </Text>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() =>
            downloadCsv(
              'renewals.csv',
              [['period', (p: RenewalPeriod) => p.period] as const, ...FIGURES.map((f) => [f, (p: RenewalPeriod) => p[f]] as const)],
              report.periods,
            )
          }
        >
          {t('table.exportCsv')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={1300}>
        <Table striped highlightOnHover fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('renewal.table.period')}</Table.Th>
              {FIGURES.map((f) => (
                <Table.Th key={f} ta="right">
                  {t(`renewal.figures.${f}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.periods.map((p) => (
              <Table.Tr key={p.period} data-testid="renewal-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPeriod(p.period)}</Table.Td>
                {FIGURES.map((f) => {
                  const outcome = DRILLABLE[f];
                  return (
                    <Table.Td key={f} ta="right">
                      {outcome && p[f] ? (
                        <UnstyledButton
                          fz="xs"
                          c="indigo"
                          td="underline"
                          onClick={() => onPick(p, outcome === 'due' ? undefined : outcome)}
                          data-testid={`pick-${f}`}
                        >
                          {cell(p, f)}
                        </UnstyledButton>
                      ) : (
                        cell(p, f)
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
