import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, type LinkProps } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';

const SHOWN = 5;

/** An account's name, linking to its page on the tab the item is about. */
function AccountLink({ id, name, tab }: { id: string; name: string; tab: string }) {
  return (
    <Anchor size="sm" fw={500} renderRoot={(p) => <Link {...p} to="/accounts/$accountId" params={{ accountId: id }} search={{ tab }} />}>
      {name}
    </Anchor>
  );
}

/** One box of the day: a title with how many there are, the first few items, and a link to all of them. */
function DayPanel(props: {
  testId: string;
  title: string;
  total: number | undefined;
  empty: string;
  more: LinkProps;
  badges?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid={props.testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs">
          <Title order={3} fz="md">
            {props.title}
          </Title>
          {props.total === undefined ? null : (
            <Badge variant="light" color={props.total ? 'indigo' : 'gray'} data-testid="day-count">
              {formatNumber(props.total)}
            </Badge>
          )}
          {props.badges}
        </Group>
        <Anchor size="sm" renderRoot={(p) => <Link {...p} {...props.more} />}>
          {t('dashboard.day.seeAll')}
        </Anchor>
      </Group>
      {props.total === undefined ? (
        <Skeleton h={120} />
      ) : props.total === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {props.empty}
        </Text>
      ) : (
        <Stack gap={6}>{props.children}</Stack>
      )}
    </Paper>
  );
}

function Row({ left, right }: { left: ReactNode; right: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="day-item">
      <div style={{ minWidth: 0, overflow: 'hidden' }}>{left}</div>
      <div style={{ flexShrink: 0 }}>{right}</div>
    </Group>
  );
}

function MyTasks() {
  const { t } = useTranslation();
  const open = { view: 'mine' as const, status: 'open' as const };
  const late = useQuery({
    queryKey: ['dashboard', 'day', 'tasks', 'overdue'],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks', { params: { query: { ...open, due: 'overdue', pageSize: 1 } } })).total,
  });
  const today = useQuery({
    queryKey: ['dashboard', 'day', 'tasks', 'today'],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks', { params: { query: { ...open, due: 'today', pageSize: 1 } } })).total,
  });
  const first = useQuery({
    queryKey: ['dashboard', 'day', 'tasks', 'first'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks', { params: { query: { ...open, sort: 'dueOn', order: 'asc', pageSize: SHOWN } } })),
  });
  return (
    <DayPanel
      testId="day-tasks"
      title={t('dashboard.day.tasks')}
      total={first.data?.total}
      empty={t('dashboard.day.noTasks')}
      more={{ to: '/tasks', search: late.data ? { due: 'overdue' } : {} }}
      badges={
        <>
          {late.data ? (
            <Badge color="red" variant="filled">
              {t('dashboard.day.overdue', { count: late.data })}
            </Badge>
          ) : null}
          {today.data ? <Badge color="orange">{t('dashboard.day.today', { count: today.data })}</Badge> : null}
        </>
      }
    >
      {first.data?.items.map((task) => (
        <Row
          key={task.id}
          left={
            <>
              <Anchor size="sm" fw={500} renderRoot={(p) => <Link {...p} to="/tasks" search={{ task: task.id }} />}>
                {task.title}
              </Anchor>
              {task.accountName ? (
                <Text size="xs" c="dimmed" truncate>
                  {task.accountName}
                </Text>
              ) : null}
            </>
          }
          right={
            <Text size="sm" c={task.overdue ? 'red' : 'dimmed'} fw={task.overdue ? 600 : undefined}>
              {task.dueOn ? formatDate(task.dueOn) : t('dashboard.day.noDue')}
            </Text>
          }
        />
      ))}
    </DayPanel>
  );
}

/** Terms of my accounts whose last day falls from this month to the end of the third month ahead, not renewed yet. */
function RenewalsComing() {
  const { t } = useTranslation();
  const me = useMe();
  const from = dayjs().format('YYYY-MM');
  const to = dayjs().add(3, 'month').format('YYYY-MM');
  const query = { owner: me.user.id, from, to, outcome: 'pending' as const, sort: 'lastDay' as const, order: 'asc' as const };
  const terms = useQuery({
    queryKey: ['dashboard', 'day', 'renewals', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/renewals/terms', { params: { query: { ...query, pageSize: SHOWN } } })),
  });
  const currency = me.organisation.reportingCurrency;
  return (
    <DayPanel
      testId="day-renewals"
      title={t('dashboard.day.renewals')}
      total={terms.data?.total}
      empty={t('dashboard.day.noRenewals')}
      more={{ to: '/renewals', search: { from, to, owner: me.user.id } }}
    >
      {terms.data?.items.map((term) => (
        <Row
          key={`${term.subscriptionId}-${term.lastDay}`}
          left={
            <>
              <AccountLink id={term.accountId} name={term.accountName} tab="subscriptions" />
              <Text size="xs" c="dimmed">
                {t('dashboard.day.ends', { date: formatDate(term.lastDay) })}
              </Text>
            </>
          }
          right={<Text size="sm">{formatMoney(term.dueArr, currency, { whole: true })}</Text>}
        />
      ))}
    </DayPanel>
  );
}

function AtRisk() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery({
    queryKey: ['dashboard', 'day', 'poor-health'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/health/portfolio/poor-health', {
          params: { query: { ownerUserId: me.user.id, sort: 'score', order: 'asc', pageSize: SHOWN } },
        }),
      ),
  });
  return (
    <DayPanel
      testId="day-at-risk"
      title={t('dashboard.day.atRisk')}
      total={list.data?.total}
      empty={t('dashboard.day.noAtRisk')}
      more={{ to: '/health/portfolio' }}
    >
      {list.data?.items.map((a) => (
        <Row
          key={a.accountId}
          left={<AccountLink id={a.accountId} name={a.accountName} tab="health" />}
          right={
            <Badge color="red" variant="light">
              {a.score === null ? '—' : Math.round(a.score)}
            </Badge>
          }
        />
      ))}
    </DayPanel>
  );
}

function GoneQuiet() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery({
    queryKey: ['dashboard', 'day', 'low-activity'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/health/portfolio/low-activity', {
          params: { query: { ownerUserId: me.user.id, sort: 'lastSeen', order: 'asc', pageSize: SHOWN } },
        }),
      ),
  });
  return (
    <DayPanel
      testId="day-quiet"
      title={t('dashboard.day.quiet')}
      total={list.data?.total}
      empty={t('dashboard.day.noQuiet')}
      more={{ to: '/health/portfolio' }}
    >
      {list.data?.items.map((a) => (
        <Row
          key={a.accountId}
          left={<AccountLink id={a.accountId} name={a.accountName} tab="adoption" />}
          right={
            <Text size="sm" c="dimmed">
              {a.reason === 'usage_drop' && a.dropPct !== null
                ? t('dashboard.day.dropped', { pct: a.dropPct })
                : t('dashboard.day.idle', { count: a.idleDays })}
            </Text>
          }
        />
      ))}
    </DayPanel>
  );
}

function LateMilestones() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery({
    queryKey: ['dashboard', 'day', 'late-milestones'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/journeys', {
          params: { query: { ownerUserId: [me.user.id], lateness: 'late', sort: 'daysLate', order: 'desc', pageSize: SHOWN } },
        }),
      ),
  });
  return (
    <DayPanel
      testId="day-milestones"
      title={t('dashboard.day.milestones')}
      total={list.data?.total}
      empty={t('dashboard.day.noMilestones')}
      more={{ to: '/journeys', search: { lateness: 'late', ownerUserId: [me.user.id] } }}
    >
      {list.data?.items.map((j) => (
        <Row
          key={j.id}
          left={
            <>
              <AccountLink id={j.accountId} name={j.accountName} tab="journey" />
              <Text size="xs" c="dimmed" truncate>
                {j.currentMilestone}
              </Text>
            </>
          }
          right={
            <Text size="sm" c="red" fw={600}>
              {t('dashboard.day.daysLate', { count: j.daysLate })}
            </Text>
          }
        />
      ))}
    </DayPanel>
  );
}

/** Support requests assigned to me that wait for our answer (new or open), the nearest SLA target first. */
function SupportWaiting() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['dashboard', 'day', 'support'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/support/requests', {
          params: { query: { assignee: 'me', status: ['new', 'open'], sort: 'due', order: 'asc', pageSize: SHOWN } },
        }),
      ),
  });
  return (
    <DayPanel
      testId="day-support"
      title={t('dashboard.day.support')}
      total={list.data?.total}
      empty={t('dashboard.day.noSupport')}
      more={{ to: '/support', search: { assignee: 'me' } }}
    >
      {list.data?.items.map((r) => (
        <Row
          key={r.id}
          left={
            <>
              <Anchor size="sm" fw={500} renderRoot={(p) => <Link {...p} to="/support/$requestId" params={{ requestId: r.id }} />}>
                #{r.number} {r.subject}
              </Anchor>
              <Text size="xs" c="dimmed" truncate>
                {r.accountName ?? r.requesterEmail}
              </Text>
            </>
          }
          right={
            r.sla.breached ? (
              <Badge color="red" variant="light">
                {t('dashboard.day.pastSla')}
              </Badge>
            ) : null
          }
        />
      ))}
    </DayPanel>
  );
}

/**
 * The signed-in person's day: their tasks due, renewals coming, accounts at risk or gone quiet, journeys' milestones
 * late, and support requests waiting for their answer.
 */
export function MyDay() {
  const { t } = useTranslation();
  const canTasks = useCan('task:read');
  const canRenewals = useCan('renewal:read');
  const canHealth = useCan('health:read');
  const canJourneys = useCan('journey:read');
  const canSupport = useCan('support_request:read');
  if (!canTasks && !canRenewals && !canHealth && !canJourneys && !canSupport) return null;
  return (
    <Stack gap="xs" data-testid="my-day">
      <Title order={2} fz="lg">
        {t('dashboard.day.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {canTasks ? <MyTasks /> : null}
        {canRenewals ? <RenewalsComing /> : null}
        {canHealth ? <AtRisk /> : null}
        {canHealth ? <GoneQuiet /> : null}
        {canJourneys ? <LateMilestones /> : null}
        {canSupport ? <SupportWaiting /> : null}
      </SimpleGrid>
    </Stack>
  );
}
