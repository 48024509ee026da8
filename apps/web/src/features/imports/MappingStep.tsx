import { Alert, Button, Group, Paper, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { fieldHint, fieldLabel, type ImportDetail, importQuery, type Mapping } from './api.ts';

const IGNORE = '__ignore__';
const SAMPLE_PREVIEW_ROWS = 5;

/** Step 2: every column of the file is mapped to a field (or ignored), starting from the server's guess. */
export function MappingStep({ imp, onSaved, onCancel }: { imp: ImportDetail; onSaved: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<Mapping>(() => {
    const start = imp.mapping ?? imp.suggestedMapping;
    return Object.fromEntries(imp.columns.map((c) => [c, start[c] ?? null]));
  });
  const fieldsByKey = useMemo(() => new Map(imp.targetFields.map((f) => [f.key, f])), [imp.targetFields]);
  const label = (key: string) => fieldLabel(t, imp.entity, fieldsByKey.get(key), key);

  const used = new Set(Object.values(mapping).filter((v): v is string => !!v));
  const missingRequired = imp.targetFields.filter((f) => f.required && !used.has(f.key));
  const mappedCount = used.size;

  const save = useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/v1/imports/{id}/mapping', { params: { path: { id: imp.id } }, body: { mapping } })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(importQuery(imp.id).queryKey, updated);
      // A new mapping means a new check: errors listed for the previous one no longer apply.
      await queryClient.invalidateQueries({ queryKey: ['imports', 'errors', imp.id] });
      onSaved();
    },
    onError: (error) => notifyError(error),
  });

  const optionsFor = (column: string) => [
    { value: IGNORE, label: t('imports.mapping.ignore') },
    ...imp.targetFields.map((f) => ({
      value: f.key,
      label: `${label(f.key)}${f.required ? ' *' : ''}`,
      // One column per field: a field taken by another column is not offered twice.
      disabled: used.has(f.key) && mapping[column] !== f.key,
    })),
  ];

  return (
    <Stack>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <div>
            <Title order={4}>{t('imports.mapping.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('imports.mapping.help', { count: imp.columns.length })}
            </Text>
          </div>
          <Table verticalSpacing="sm" data-testid="mapping-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="28%">{t('imports.mapping.column')}</Table.Th>
                <Table.Th>{t('imports.mapping.examples')}</Table.Th>
                <Table.Th w={30} />
                <Table.Th w="32%">{t('imports.mapping.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.columns.map((column, index) => {
                const target = mapping[column] ?? null;
                const samples = imp.sampleRows
                  .slice(0, 3)
                  .map((r) => r[index] ?? '')
                  .filter((v) => v !== '');
                const hint = target ? fieldHint(t, imp.entity, fieldsByKey.get(target)) : undefined;
                return (
                  <Table.Tr key={column} data-testid="mapping-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {column}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {samples.length ? samples.join(' · ') : t('imports.mapping.noValues')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <IconArrowRight size={14} color={target ? 'var(--mantine-color-indigo-6)' : 'var(--mantine-color-gray-4)'} />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('imports.mapping.fieldFor', { column })}
                        size="xs"
                        searchable
                        allowDeselect={false}
                        data={optionsFor(column)}
                        value={target ?? IGNORE}
                        onChange={(v) => setMapping((m) => ({ ...m, [column]: !v || v === IGNORE ? null : v }))}
                        styles={target ? undefined : { input: { color: 'var(--mantine-color-dimmed)' } }}
                        description={hint}
                        inputWrapperOrder={['input', 'description']}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {missingRequired.length ? (
            <Alert color="yellow" icon={<IconAlertTriangle size={16} />} data-testid="mapping-missing">
              {t('imports.mapping.missingRequired', { fields: missingRequired.map((f) => label(f.key)).join(', ') })}
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('imports.mapping.summary', { mapped: mappedCount, total: imp.columns.length })}
            </Text>
            <Group gap="xs">
              {onCancel ? (
                <Button variant="default" onClick={onCancel}>
                  {t('common.cancel')}
                </Button>
              ) : null}
              <Button
                onClick={() => save.mutate()}
                loading={save.isPending}
                disabled={missingRequired.length > 0 || mappedCount === 0}
                rightSection={<IconArrowRight size={16} />}
              >
                {t('imports.mapping.continue')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
      {imp.sampleRows.length ? (
        <Paper withBorder p="lg">
          <Title order={5} mb="xs">
            {t('imports.mapping.sampleTitle', { count: Math.min(imp.sampleRows.length, SAMPLE_PREVIEW_ROWS) })}
          </Title>
          <ScrollArea type="auto">
            <Table striped withTableBorder fz="xs" data-testid="sample-table">
              <Table.Thead>
                <Table.Tr>
                  {imp.columns.map((c) => (
                    <Table.Th key={c} style={{ whiteSpace: 'nowrap' }}>
                      {c}
                      <Text size="xs" c={mapping[c] ? 'indigo' : 'dimmed'} fw={400}>
                        {mapping[c] ? label(mapping[c]) : t('imports.mapping.ignored')}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imp.sampleRows.slice(0, SAMPLE_PREVIEW_ROWS).map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sample rows are a fixed list without identity
                  <Table.Tr key={i}>
                    {imp.columns.map((c, j) => (
                      <Table.Td key={c} style={{ whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                        {row[j] ?? ''}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      ) : null}
    </Stack>
  );
}
