import { ActionIcon, Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import i18n from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { dateTimeFormat } from '../../lib/intl.ts';
import { renewalKeys } from './queryKeys.ts';
import { money, STAGE_COLOR } from './RenewalBadges.tsx';
import type { Renewal } from './types.ts';

/** Renewals the calendar loads at first (one request); "Show all" loads the rest of the month, page by page. */
export const CALENDAR_FIRST = 200;
/** The most one request may ask for. */
const PAGE = 200;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** The weeks (Monday first) that show a month, as days. */
function monthGrid(month: string) {
  const first = new Date(`${month}-01T00:00:00Z`);
  const start = addDays(first, -((first.getUTCDay() + 6) % 7));
  const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
  const days: Date[] = [];
  for (let d = start; d < next || days.length % 7; d = addDays(d, 1)) days.push(d);
  return days;
}

export const shiftMonth = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 7);
};

/** Renewal dates on a month's calendar; overdue ones in red, closed ones muted; a renewal opens on click. */
export function RenewalCalendar(props: {
  month: string;
  query: Record<string, unknown>;
  onMonth(m: string): void;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  const days = monthGrid(props.month);
  const from = iso(days[0] as Date);
  const to = iso(days[days.length - 1] as Date);
  // Asked for "all" of one range of days; another month starts again with the first ones.
  const [allOf, setAllOf] = useState<string | null>(null);
  const all = allOf === `${from}|${to}`;
  const data = useQuery({
    queryKey: [...renewalKeys.calendar, props.query, from, to, all],
    queryFn: async () => {
      const page = async (n: number, size: number) =>
        unwrap(
          await api.GET('/api/v1/renewal-opportunities', {
            params: {
              query: { ...props.query, status: 'all', dueFrom: from, dueTo: to, sort: 'dueOn', order: 'asc', page: n, pageSize: size },
            },
          }),
        );
      const first = await page(1, all ? PAGE : CALENDAR_FIRST);
      if (!all) return first;
      const items = [...first.items];
      for (let n = 2; items.length < first.total && n <= Math.ceil(first.total / PAGE); n++) items.push(...(await page(n, PAGE)).items);
      return { ...first, items };
    },
  });
  const shown = data.data?.items.length ?? 0;
  const total = data.data?.total ?? 0;
  const byDay = new Map<string, Renewal[]>();
  for (const r of data.data?.items ?? []) byDay.set(r.dueOn, [...(byDay.get(r.dueOn) ?? []), r]);
  const lang = i18n.language || 'en';
  const title = dateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${props.month}-01T00:00:00Z`));
  const weekday = dateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  const thisMonth = props.month;
  return (
    <Stack gap="xs" data-testid="renewal-calendar">
      <Group gap="xs">
        <ActionIcon
          variant="default"
          onClick={() => props.onMonth(shiftMonth(thisMonth, -1))}
          aria-label={t('renewalPipeline.calendar.previous')}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Text fw={600} w={180} ta="center" tt="capitalize">
          {title}
        </Text>
        <ActionIcon
          variant="default"
          onClick={() => props.onMonth(shiftMonth(thisMonth, 1))}
          aria-label={t('renewalPipeline.calendar.next')}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
        {data.isFetching ? <Loader size="xs" /> : null}
      </Group>
      {total > shown ? (
        <Alert color="yellow" variant="light" p="xs" data-testid="calendar-capped">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('renewalPipeline.calendar.capped', { shown, total })}</Text>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setAllOf(`${from}|${to}`)}
              loading={data.isFetching}
              data-testid="calendar-show-all"
            >
              {t('renewalPipeline.calendar.showAll', { count: total })}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {days.slice(0, 7).map((d) => (
          <Text key={`h${iso(d)}`} size="xs" c="dimmed" ta="center" tt="capitalize">
            {weekday.format(d)}
          </Text>
        ))}
        {days.map((d) => {
          const day = iso(d);
          const items = byDay.get(day) ?? [];
          const inMonth = day.startsWith(thisMonth);
          return (
            <Paper key={day} withBorder p={4} mih={92} bg={inMonth ? undefined : 'var(--mantine-color-gray-0)'}>
              <Text size="xs" c={inMonth ? undefined : 'dimmed'} fw={500}>
                {d.getUTCDate()}
              </Text>
              <Stack gap={2}>
                {items.slice(0, 4).map((r) => (
                  <Tooltip
                    key={r.id}
                    label={`${r.accountName} · ${money(r.targetCents, r.currency)} · ${t(`renewalPipeline.stages.${r.stage}`)}`}
                  >
                    <UnstyledButton onClick={() => props.onOpen(r.id)}>
                      <Badge
                        fullWidth
                        size="sm"
                        radius="sm"
                        variant={r.timing === 'closed' ? 'outline' : 'light'}
                        color={r.timing === 'overdue' ? 'red' : r.timing === 'closed' ? 'gray' : STAGE_COLOR[r.stage]}
                        styles={{ label: { textTransform: 'none' } }}
                      >
                        {r.accountName}
                      </Badge>
                    </UnstyledButton>
                  </Tooltip>
                ))}
                {items.length > 4 ? (
                  <Text size="xs" c="dimmed">
                    {t('renewalPipeline.board.more', { count: items.length - 4 })}
                  </Text>
                ) : null}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
