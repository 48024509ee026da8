import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { journeyKeys } from './queryKeys.ts';

/** The journey templates: the default Customer365 year first, each with its version, milestones and the accounts running it. */
export function JourneyTemplatesPage() {
  const { t } = useTranslation();
  const canManage = useCan('journey_template:manage');
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const query = useQuery({
    queryKey: [...journeyKeys.templates, status],
    queryFn: async () => unwrap(await api.GET('/api/v1/journey-templates', { params: { query: { status } } })),
  });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.journeyTemplates')}
        subtitle={t('journey.templates.subtitle')}
        actions={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              renderRoot={(props) => <Link {...props} to="/journeys/templates/$templateId" params={{ templateId: 'new' }} />}
              data-testid="new-journey-template"
            >
              {t('journey.templates.new')}
            </Button>
          ) : null
        }
      />
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => setStatus(v as 'active' | 'archived')}
        data={[
          { value: 'active', label: t('journey.templates.inUse') },
          { value: 'archived', label: t('journey.templates.archived') },
        ]}
        data-testid="journey-templates-status"
      />
      <Paper withBorder>
        {query.isLoading ? (
          <Skeleton h={120} />
        ) : (
          <Table highlightOnHover data-testid="journey-templates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('journey.templates.name')}</Table.Th>
                <Table.Th>{t('journey.templates.version')}</Table.Th>
                <Table.Th ta="right">{t('journey.templates.milestones')}</Table.Th>
                <Table.Th ta="right">{t('journey.templates.weeks')}</Table.Th>
                <Table.Th>{t('journey.templates.triggers')}</Table.Th>
                <Table.Th ta="right">{t('journey.templates.running')}</Table.Th>
                <Table.Th>{t('journey.templates.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(query.data?.items ?? []).map((x) => (
                <Table.Tr key={x.id} data-testid="journey-template-row">
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor
                        renderRoot={(props) => <Link {...props} to="/journeys/templates/$templateId" params={{ templateId: x.id }} />}
                        fw={500}
                        size="sm"
                      >
                        {x.name}
                      </Anchor>
                      {x.isDefault ? (
                        <Badge size="sm" variant="light">
                          {t('journey.templates.default')}
                        </Badge>
                      ) : null}
                      {x.archivedAt ? (
                        <Badge size="sm" variant="light" color="gray">
                          {t('journey.templates.archivedOn', { date: formatDate(x.archivedAt) })}
                        </Badge>
                      ) : null}
                    </Group>
                    {x.description ? (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {x.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{x.version}</Table.Td>
                  <Table.Td ta="right">{x.milestoneCount}</Table.Td>
                  <Table.Td ta="right">{x.weeks}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {x.triggers.length
                        ? x.triggers.map((tr) => (
                            <Badge key={tr} size="sm" variant="outline" color="gray">
                              {t(`journey.triggers.${tr}`)}
                            </Badge>
                          ))
                        : t('journey.templates.byHandOnly')}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{x.activeJourneys}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(x.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
