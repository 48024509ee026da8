import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { MILESTONE_COLORS } from './search.ts';
import type { Journey } from './types.ts';

const DAY = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The journey as a Gantt chart: one bar per milestone from its first day to its due day, coloured by its status,
 * with month ticks and today's line. A bar opens its milestone below (`onSelect`).
 */
export function JourneyTimeline({ journey, today, onSelect }: { journey: Journey; today: string; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const start = toTime(journey.startedOn);
  const end = Math.max(...journey.milestones.map((m) => toTime(m.dueOn) + DAY), start + 7 * DAY);
  const pct = (time: number) => `${Math.min(100, Math.max(0, ((time - start) / (end - start)) * 100))}%`;
  const months: { at: number; label: string }[] = [];
  const first = new Date(start);
  for (
    let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    d.getTime() < end;
    d.setUTCMonth(d.getUTCMonth() + 1)
  )
    months.push({ at: d.getTime(), label: d.toLocaleDateString(i18n.language, { month: 'short', timeZone: 'UTC' }) });
  const now = toTime(today);

  return (
    <Box data-testid="journey-timeline">
      <Group gap={0} wrap="nowrap" align="flex-end" mb={4}>
        <Box w={180} style={{ flexShrink: 0 }} />
        <Box pos="relative" h={18} style={{ flex: 1 }}>
          {months.map((m) => (
            <Text key={m.at} size="xs" c="dimmed" pos="absolute" left={pct(m.at)} style={{ transform: 'translateX(-50%)' }}>
              {m.label}
            </Text>
          ))}
        </Box>
      </Group>
      {journey.milestones.map((m) => {
        const left = pct(toTime(m.startsOn));
        const width = `calc(${pct(toTime(m.dueOn) + DAY)} - ${left})`;
        const done = m.checklist.filter((c) => c.done).length;
        return (
          <Group key={m.id} gap={0} wrap="nowrap" h={30}>
            <Box w={180} pr="sm" style={{ flexShrink: 0 }}>
              <Text size="sm" fw={500} truncate>
                {m.name}
              </Text>
            </Box>
            <Box pos="relative" h={30} style={{ flex: 1, borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
              {months.map((x) => (
                <Box
                  key={x.at}
                  pos="absolute"
                  top={0}
                  bottom={0}
                  left={pct(x.at)}
                  style={{ borderLeft: '1px dashed var(--mantine-color-gray-2)' }}
                />
              ))}
              <Tooltip
                label={`${formatDate(m.startsOn)} – ${formatDate(m.dueOn)} · ${t(`journey.milestoneStatus.${m.status}`)} · ${t('journey.checklistOf', { done, total: m.checklist.length })}`}
              >
                <Box
                  component="button"
                  type="button"
                  onClick={() => onSelect(m.id)}
                  aria-label={`${m.name}: ${t(`journey.milestoneStatus.${m.status}`)}`}
                  data-testid={`journey-bar-${m.key}`}
                  pos="absolute"
                  top={6}
                  h={18}
                  left={left}
                  w={width}
                  style={{
                    minWidth: 8,
                    border: 0,
                    cursor: 'pointer',
                    borderRadius: 4,
                    background: `var(--mantine-color-${MILESTONE_COLORS[m.status]}-${m.status === 'upcoming' ? 3 : 6})`,
                  }}
                />
              </Tooltip>
              {now >= start && now <= end ? (
                <Box pos="absolute" top={0} bottom={0} left={pct(now)} style={{ borderLeft: '2px solid var(--mantine-color-orange-6)' }} />
              ) : null}
            </Box>
          </Group>
        );
      })}
      <Group gap="md" mt="xs" ml={180}>
        {(['done', 'on_track', 'late', 'upcoming'] as const).map((s) => (
          <Group key={s} gap={4}>
            <Box
              w={10}
              h={10}
              style={{ borderRadius: 2, background: `var(--mantine-color-${MILESTONE_COLORS[s]}-${s === 'upcoming' ? 3 : 6})` }}
            />
            <Text size="xs" c="dimmed">
              {t(`journey.milestoneStatus.${s}`)}
            </Text>
          </Group>
        ))}
        <Group gap={4}>
          <Box w={10} h={2} bg="orange.6" />
          <Text size="xs" c="dimmed">
            {t('journey.today')}
          </Text>
        </Group>
      </Group>
    </Box>
  );
}
