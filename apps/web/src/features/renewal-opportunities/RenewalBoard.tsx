import { ActionIcon, Badge, Card, Group, Loader, Menu, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDotsVertical } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { renewalKeys } from './queryKeys.ts';
import { DueCell, money, RiskBadges, STAGE_COLOR } from './RenewalBadges.tsx';
import { RENEWAL_STAGES } from './search.ts';
import type { Renewal, RenewalStage } from './types.ts';

interface BoardProps {
  query: Record<string, unknown>;
  onOpen(id: string): void;
  onMove(renewal: Renewal, stage: RenewalStage): void;
}

/** The pipeline by stage: drag a card to another column, or use its stage menu; closed columns hold the last 90 days. */
export function RenewalBoard({ query, onOpen, onMove }: BoardProps) {
  const { t } = useTranslation();
  const canWrite = useCan('renewal_opportunity:write');
  const [dragOver, setDragOver] = useState<RenewalStage | null>(null);
  const board = useQuery({
    queryKey: [...renewalKeys.board, query],
    queryFn: async () => unwrap(await api.GET('/api/v1/renewal-opportunities/board', { params: { query } })),
  });
  if (!board.data) return <Loader size="sm" />;
  const byId = new Map(board.data.stages.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="renewal-board">
        {board.data.stages.map((col) => {
          return (
            <Paper
              key={col.stage}
              withBorder
              p="xs"
              w={248}
              miw={248}
              bg={dragOver === col.stage ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)'}
              data-testid={`renewal-column-${col.stage}`}
              onDragOver={(e) => {
                if (!canWrite) return;
                e.preventDefault();
                setDragOver(col.stage);
              }}
              onDragLeave={() => setDragOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(null);
                const r = byId.get(e.dataTransfer.getData('text/renewal'));
                if (r) onMove(r, col.stage);
              }}
            >
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap">
                  <Badge color={STAGE_COLOR[col.stage]} variant="light">
                    {t(`renewalPipeline.stages.${col.stage}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatNumber(col.count)}
                  </Text>
                </Group>
                {col.totals.map((x) => (
                  <Text key={x.currency} size="xs" c="dimmed">
                    {t('renewalPipeline.board.sum', {
                      target: money(x.targetCents, x.currency),
                      forecast: money(x.forecastCents, x.currency),
                    })}
                  </Text>
                ))}
                {col.items.map((r) => (
                  <RenewalCard key={r.id} renewal={r} canWrite={canWrite} onOpen={onOpen} onMove={onMove} />
                ))}
                {col.count > col.items.length ? (
                  <Text size="xs" c="dimmed" ta="center">
                    {t('renewalPipeline.board.more', { count: col.count - col.items.length })}
                  </Text>
                ) : null}
                {!col.items.length ? (
                  <Text size="xs" c="dimmed" ta="center" py="sm">
                    {t('renewalPipeline.board.empty')}
                  </Text>
                ) : null}
              </Stack>
            </Paper>
          );
        })}
      </Group>
    </ScrollArea>
  );
}

function RenewalCard({ renewal: r, canWrite, onOpen, onMove }: { renewal: Renewal; canWrite: boolean } & Omit<BoardProps, 'query'>) {
  const { t } = useTranslation();
  const border =
    r.timing === 'overdue' ? 'var(--mantine-color-red-6)' : r.timing === 'due_soon' ? 'var(--mantine-color-orange-5)' : undefined;
  return (
    <Card
      withBorder
      padding="xs"
      radius="sm"
      draggable={canWrite}
      onDragStart={(e) => e.dataTransfer.setData('text/renewal', r.id)}
      style={{ cursor: canWrite ? 'grab' : undefined, borderLeft: border ? `4px solid ${border}` : undefined }}
      data-testid={`renewal-card-${r.id}`}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <UnstyledButton onClick={() => onOpen(r.id)} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate>
            {r.accountName}
          </Text>
        </UnstyledButton>
        {canWrite ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" size="sm" aria-label={t('renewalPipeline.board.moveTo')} data-testid={`renewal-menu-${r.id}`}>
                <IconDotsVertical size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('renewalPipeline.board.moveTo')}</Menu.Label>
              {RENEWAL_STAGES.filter((s) => s !== r.stage).map((s) => (
                <Menu.Item key={s} onClick={() => onMove(r, s)} data-testid={`renewal-move-${s}`}>
                  {t(`renewalPipeline.stages.${s}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <DueCell renewal={r} />
      <Group justify="space-between" gap={4} mt={2}>
        <Text size="xs">{money(r.forecastCents, r.currency)}</Text>
        {r.likelihood !== null ? (
          <Text size="xs" c="dimmed">
            {t('renewalPipeline.likelihoodShort', { value: r.likelihood })}
          </Text>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" truncate>
        {r.ownerName ?? t('renewalPipeline.noOwner')}
      </Text>
      {r.riskReasons.length ? <RiskBadges renewal={r} /> : null}
    </Card>
  );
}
