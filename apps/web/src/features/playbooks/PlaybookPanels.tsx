import { Anchor, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { DryRunResult } from './types.ts';

const accountLink = (id: string, name: string) => (
  <Anchor renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: id }} />} size="sm">
    {name}
  </Anchor>
);

/** The accounts a dry run found, by name with their owner; nothing was changed. */
export function DryRunResults({ result }: { result: DryRunResult }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="dry-run-results">
      <Title order={4}>{t('playbook.dryRun.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('playbook.dryRun.summary', { count: result.total, shown: result.accounts.length })}
      </Text>
      {result.accounts.length > 0 && (
        <ScrollArea.Autosize mah={360}>
          <Table striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('playbook.dryRun.account')}</Table.Th>
                <Table.Th>{t('playbook.dryRun.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.accounts.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{accountLink(a.id, a.name)}</Table.Td>
                  <Table.Td>{a.ownerName ?? t('account.noOwner')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
